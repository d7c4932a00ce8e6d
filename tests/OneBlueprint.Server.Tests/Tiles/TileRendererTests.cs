using NetTopologySuite.IO;
using OneBlueprint.Geo.Features;
using OneBlueprint.Server.Tiles;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>The renderer in-process: an invalid geometry that must be clipped is repaired rather than lost.</summary>
public sealed class TileRendererTests
{
    [Fact]
    public void Render_SelfIntersectingPolygonAcrossTheEdgeIsRepairedNotDropped()
    {
        var tile = new TileAddress(0, 0, 0);
        // EPSG:3857 bow tie reaching beyond the world's east edge (so it must be clipped)
        var bowTie = new WKTReader().Read("POLYGON ((0 0, 30000000 10000000, 30000000 0, 0 10000000, 0 0))");
        var layer = new MvtLayerBuilder("T");
        var (repaired, skipped) = TileRenderer.AddFeatures(layer, [new GeoFeature(bowTie) { Id = "5" }], 3857, tile);
        Assert.Equal(0, skipped);
        Assert.Equal(1, layer.FeatureCount);
        Assert.True(repaired <= 1);
    }
}
