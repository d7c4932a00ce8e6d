using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Zhengzhou's 12 districts and counties (行政区划 XZQH) from the DataV county file: selected by their
/// DataV parent route (acroutes ending in 410100) and adcode (4101xx), converted from GCJ-02 to CGCS2000
/// (<see cref="Gcj02"/>) and then to EPSG:4547, and repaired where DataV's generalisation made them
/// invalid. Attributes: XZQDM (adcode), XZQMC (name), SJLY.
/// </summary>
public static class ZhengzhouDistricts
{
    public const string CityAdcode = "410100";

    public static FeatureSet Load(string dataFolder)
    {
        var source = LonLatGeoJson.Read(SharedData.PathOf(dataFolder, SharedData.CountiesFile));
        var set = new FeatureSet { Srid = WorkingCrs.Srid, Name = LayerCodes.Districts };
        var repaired = new List<string>();
        foreach (var feature in source.Features)
        {
            var code = Convert.ToString(feature.Attributes.GetValueOrDefault("adcode"), CultureInfo.InvariantCulture) ?? "";
            var routes = Convert.ToString(feature.Attributes.GetValueOrDefault("acroutes"), CultureInfo.InvariantCulture) ?? "";
            if (!code.StartsWith("4101", StringComparison.Ordinal) || !routes.Contains(CityAdcode, StringComparison.Ordinal))
                continue;
            var name = Convert.ToString(feature.Attributes.GetValueOrDefault("name"), CultureInfo.InvariantCulture) ?? code;

            var projected = WorkingCrs.FromLonLat(Gcj02.ToCgcs2000(feature.Geometry));
            var valid = BoundaryRepair.Repair(projected);
            var onGrid = Millimetre.Snap(valid);
            if (!ReferenceEquals(valid, projected))
                repaired.Add($"{code} {name}");

            var district = new GeoFeature(GeometryParts.AsMultiPolygon(onGrid)) { Id = code, Source = feature.Source };
            district.Attributes["XZQDM"] = code;
            district.Attributes["XZQMC"] = name;
            district.Attributes[Provenance.SourceAttribute] = Provenance.DataVLabel;
            set.Features.Add(district);
        }
        if (set.Features.Count == 0)
            throw new InvalidDataException($"no district of {CityAdcode} found in {SharedData.CountiesFile}");

        Provenance.MarkReal(set, Provenance.DataVSource, Provenance.DataVLabel, Provenance.DataVTerms);
        set.Metadata["transform"] = "GCJ-02 → CGCS2000 lon/lat (public offset formula, inverted by iteration) → EPSG:4547";
        set.Metadata["repaired"] = repaired.Count == 0 ? "none" : string.Join("; ", repaired);
        set.Metadata["repair.note"] =
            "Invalid DataV polygons (self-intersections from generalisation) were repaired so the demo imports cleanly; overlaps and gaps between neighbours were kept.";
        return set;
    }
}
