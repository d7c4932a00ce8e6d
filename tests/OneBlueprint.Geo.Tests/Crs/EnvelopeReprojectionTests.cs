using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Crs;

public class EnvelopeReprojectionTests
{
    [Fact]
    public void Transform_LonLatBoxToGaussKruger_CoversTheCurvedOutline()
    {
        // A box across the central meridian (114°E): parallels curve poleward away from it, so the southern edge
        // dips lowest at the meridian, between the corners — the corners alone miss that.
        var box = new Envelope(113.5, 114.5, 34.0, 35.0);
        var outline = GeometryKit.Factory(CrsCatalog.Cgcs2000).ToGeometry(box);
        var dense = Reprojector.Transform(Densifier.Densify(outline, 0.001), CrsCatalog.Cgcs2000, 4547).EnvelopeInternal;

        var result = EnvelopeReprojection.Transform(box, CrsCatalog.Cgcs2000, 4547);

        // 16 points a side: within a metre of the outline sampled every 0.001°.
        Assert.Equal(dense.MinX, result.MinX, 1.0);
        Assert.Equal(dense.MaxX, result.MaxX, 1.0);
        Assert.Equal(dense.MinY, result.MinY, 1.0);
        Assert.Equal(dense.MaxY, result.MaxY, 1.0);
        var corners = Reprojector.Transform(GeometryKit.Factory(CrsCatalog.Cgcs2000).ToGeometry(box), CrsCatalog.Cgcs2000, 4547).EnvelopeInternal;
        Assert.True(corners.MinY - result.MinY > 10, "the southern parallel dips below its corners at the central meridian");
    }

    [Fact]
    public void Transform_SameSrid_IsACopy()
    {
        var box = new Envelope(1, 2, 3, 4);
        var result = EnvelopeReprojection.Transform(box, 4547, 4547);
        Assert.Equal(box, result);
        Assert.NotSame(box, result);
    }
}
