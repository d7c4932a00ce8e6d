using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;

namespace OneBlueprint.Engines.Tests.Indexing;

public class ControlLayerIndexTests
{
    private static List<ControlFeature> BigFeatures() => SyntheticBlueprint.BigPolygons(
        [(Shapes.X0, Shapes.Y0, 3_000), (Shapes.X0 + 9_000, Shapes.Y0, 2_000)], vertices: 10_000, seed: 5);

    [Fact]
    public void Build_LargePolygons_PiecesStayUnderTheVertexLimit()
    {
        var index = TestEngines.Layer("STBHHX", BigFeatures(), maxPieceVertices: 256);
        for (var f = 0; f < index.Features.Count; f++)
        {
            var pieces = index.PiecesOf(f);
            Assert.True(pieces.Count > 20, $"feature {f} has only {pieces.Count} pieces");
            Assert.All(pieces, p => Assert.True(p.NumPoints <= 256, $"a piece has {p.NumPoints} vertices"));
            Assert.All(pieces, p => Assert.True(p.IsValid));
        }
    }

    [Fact]
    public void Build_LargePolygons_PiecesCoverTheFeatureExactlyWithoutOverlapping()
    {
        var index = TestEngines.Layer("STBHHX", BigFeatures());
        for (var f = 0; f < index.Features.Count; f++)
        {
            var original = index.Features[f].Geometry;
            var pieces = index.PiecesOf(f);
            // Areas add up (OverlayNG's own area of the original is the reference) ...
            var sum = pieces.Sum(p => p.Area);
            Assert.True(Math.Abs(sum - original.Area) <= 1e-9 * original.Area, $"pieces {sum} vs feature {original.Area}");
            // ... because they do not overlap (pairs with touching boxes checked by OverlayNG) ...
            for (var i = 0; i < pieces.Count; i++)
            for (var j = i + 1; j < pieces.Count; j++)
            {
                if (!pieces[i].EnvelopeInternal.Intersects(pieces[j].EnvelopeInternal)) continue;
                var shared = OverlayNGRobust.Overlay(pieces[i], pieces[j], SpatialFunction.Intersection).Area;
                Assert.True(shared < 1e-6, $"pieces {i} and {j} overlap by {shared} m²");
            }
            // ... and cover it: nothing of the original is left outside their union.
            var union = OverlayNGRobust.Union(pieces);
            var left = OverlayNGRobust.Overlay(original, union, SpatialFunction.Difference).Area;
            Assert.True(left < 1e-6, $"{left} m² of the feature is not covered by pieces");
        }
    }

    [Fact]
    public void Build_LargePolygons_BoundaryLengthsExcludeCutEdges()
    {
        var index = TestEngines.Layer("STBHHX", BigFeatures());
        for (var f = 0; f < index.Features.Count; f++)
        {
            var expected = index.Features[f].Geometry.Length; // shell and holes
            var first = Enumerable.Range(0, index.PieceCount).First(p => index.PieceFeature[p] == f);
            var sum = Enumerable.Range(first, index.PiecesOf(f).Count).Sum(p => index.PieceBoundaryLength[p]);
            Assert.True(Math.Abs(sum - expected) < 1e-6 * expected, $"piece boundaries {sum} vs feature perimeter {expected}");
        }
    }

    [Fact]
    public void Build_ParallelOrNot_GivesTheSameIndex()
    {
        var features = SyntheticBlueprint.Farmland(40, 40, 122, seed: 1).Concat(BigFeatures().Select(f => f with { Id = f.Id + 100_000 })).Reverse().ToList();
        var a = ControlLayerIndex.Build("X", 1, Shapes.Srid, features, new ControlLayerIndexOptions { Parallel = true });
        var b = ControlLayerIndex.Build("X", 1, Shapes.Srid, features, new ControlLayerIndexOptions { Parallel = false });
        Assert.Equal(b.Features.Select(f => f.Id), a.Features.Select(f => f.Id));
        Assert.Equal(b.PieceFeature, a.PieceFeature);
        Assert.Equal(b.PieceArea, a.PieceArea);
        Assert.Equal(b.PieceBox, a.PieceBox);
        Assert.Equal(b.Rings.X, a.Rings.X);
        Assert.Equal(b.Rings.Y, a.Rings.Y);
        Assert.Equal(b.EdgeIsCut, a.EdgeIsCut);
        Assert.True(a.Features.Select(f => f.Id).SequenceEqual(a.Features.Select(f => f.Id).Order()));
    }

    [Fact]
    public void Build_InvalidAndNonArealFeatures_AreKeptOrSkippedWithNotes()
    {
        var bowTie = Shapes.Wkt($"POLYGON(({Shapes.X0} {Shapes.Y0}, {Shapes.X0 + 100} {Shapes.Y0 + 100}, {Shapes.X0 + 100} {Shapes.Y0}, {Shapes.X0} {Shapes.Y0 + 100}, {Shapes.X0} {Shapes.Y0}))");
        var line = Shapes.Wkt($"LINESTRING({Shapes.X0} {Shapes.Y0}, {Shapes.X0 + 100} {Shapes.Y0})");
        var collection = Shapes.Factory.CreateGeometryCollection([Shapes.Square(500, 0, 10), line]);
        var index = TestEngines.Layer("X", bowTie, line, collection, Shapes.Factory.CreatePolygon());

        Assert.Equal(4, index.Features.Count);
        Assert.NotNull(index.FeatureProblem(0));
        Assert.Contains("Self-intersection", index.FeatureProblem(0));
        Assert.Empty(index.PiecesOf(1));
        Assert.Single(index.PiecesOf(2));
        Assert.Empty(index.PiecesOf(3));
        Assert.Contains(index.Notes, n => n.StartsWith("feature 1 is invalid", StringComparison.Ordinal));
        Assert.Contains(index.Notes, n => n.StartsWith("feature 2 has no area", StringComparison.Ordinal));
        Assert.Contains(index.Notes, n => n.StartsWith("feature 3: only the polygons", StringComparison.Ordinal));
        Assert.Equal(1, index.InvalidFeatureCount);
    }
}
