using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>Small layers shaped like OneBlueprint's data: parcels in EPSG:4547 (CGCS2000 GK CM 114E) and lon/lat in 4490.</summary>
internal static class GeoPackageSamples
{
    /// <summary>A rectangle with a rectangular hole (扣除区); coordinates carry awkward decimals on purpose.</summary>
    public static Polygon ParcelWithHole(GeometryFactory factory, double x0 = 465650.123456789, double y0 = 3846600.987654321)
    {
        var shell = factory.CreateLinearRing([
            new(x0, y0), new(x0 + 100.1, y0), new(x0 + 100.1, y0 + 80.7), new(x0, y0 + 80.7), new(x0, y0)]);
        var hole = factory.CreateLinearRing([
            new(x0 + 10.01, y0 + 10.02), new(x0 + 10.01, y0 + 20.03), new(x0 + 30.04, y0 + 20.03), new(x0 + 30.04, y0 + 10.02), new(x0 + 10.01, y0 + 10.02)]);
        return factory.CreatePolygon(shell, [hole]);
    }

    public static Polygon Square(GeometryFactory factory, double x, double y, double size) =>
        factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);

    public static MultiPolygon TwoParts(GeometryFactory factory, double x, double y) =>
        factory.CreateMultiPolygon([Square(factory, x, y, 50.5), ParcelWithHole(factory, x + 200.25, y + 0.125)]);

    /// <summary>Three parcels with every attribute kind, Chinese names and values, and nulls.</summary>
    public static FeatureSet Parcels(int srid = 4547)
    {
        var factory = GeometryKit.Factory(srid);
        var set = new FeatureSet { Srid = srid, Name = "项目用地红线" };
        var first = new GeoFeature(ParcelWithHole(factory));
        first.Attributes["地块编号"] = "DK-001";
        first.Attributes["名称"] = "郑州市金水区地块一";
        first.Attributes["面积"] = 0.7600;
        first.Attributes["点数"] = 10L;
        first.Attributes["有效"] = true;
        first.Attributes["批准日期"] = new DateOnly(2024, 6, 1);
        first.Attributes["更新时间"] = new DateTime(2024, 6, 1, 8, 30, 15, 250, DateTimeKind.Utc);
        first.Attributes["备注"] = null;
        set.Features.Add(first);

        var second = new GeoFeature(TwoParts(factory, 466000.5, 3847000.25));
        second.Attributes["地块编号"] = "DK-002";
        second.Attributes["名称"] = "地块二（含扣除区）";
        second.Attributes["面积"] = 1.25;
        second.Attributes["点数"] = 15L;
        second.Attributes["有效"] = false;
        second.Attributes["批准日期"] = new DateOnly(2023, 12, 31);
        second.Attributes["更新时间"] = null;
        second.Attributes["备注"] = "工业用地; 'quoted' \"double\"";
        set.Features.Add(second);

        var third = new GeoFeature(Square(factory, 467000, 3848000, 12.5));
        third.Attributes["地块编号"] = "DK-003";
        third.Attributes["名称"] = null;
        third.Attributes["面积"] = null;
        third.Attributes["点数"] = -3L;
        third.Attributes["有效"] = null;
        third.Attributes["批准日期"] = null;
        third.Attributes["更新时间"] = new DateTime(1999, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        third.Attributes["备注"] = "";
        set.Features.Add(third);
        return set;
    }
}
