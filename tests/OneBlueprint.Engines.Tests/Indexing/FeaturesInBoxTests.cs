using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;

namespace OneBlueprint.Engines.Tests.Indexing;

/// <summary>The box query tiles use, against a brute-force scan of every piece's envelope.</summary>
public class FeaturesInBoxTests
{
    [Fact]
    public void FeaturesInBox_SameFeaturesAsScanningEveryPiece()
    {
        var features = SyntheticBlueprint.BigPolygons(
            [(Shapes.X0, Shapes.Y0, 3_000), (Shapes.X0 + 9_000, Shapes.Y0, 2_000), (Shapes.X0 + 4_000, Shapes.Y0 + 5_000, 1_500)],
            vertices: 4_000, seed: 11);
        features.Add(new ControlFeature(99, Shapes.Square(Shapes.X0 - 5_000, Shapes.Y0 - 5_000, 100)));
        features.Add(new ControlFeature(100, GeometryFactory.Default.CreatePoint(new Coordinate(Shapes.X0, Shapes.Y0)))); // no area: skipped
        var index = TestEngines.Layer("STBHHX", features, maxPieceVertices: 128);
        Assert.Equal(1, index.SkippedFeatureCount);

        var random = new Random(3);
        for (var q = 0; q < 300; q++)
        {
            var x = Shapes.X0 - 6_000 + random.NextDouble() * 18_000;
            var y = Shapes.Y0 - 6_000 + random.NextDouble() * 14_000;
            var box = new Envelope(x, x + random.NextDouble() * 2_000, y, y + random.NextDouble() * 2_000);
            var expected = Enumerable.Range(0, index.Features.Count)
                .Where(f => index.PiecesOf(f).Any(p => p.EnvelopeInternal.Intersects(box))).ToArray();
            Assert.Equal(expected, index.FeaturesInBox(box));
        }
        Assert.Empty(index.FeaturesInBox(new Envelope()));
    }
}
