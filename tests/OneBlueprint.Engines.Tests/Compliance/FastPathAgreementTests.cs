using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

/// <summary>
/// The overlap kernel against plain OverlayNG (prepared red line, overlay per candidate — an independent computation
/// through NetTopologySuite), and subdivided layers against whole ones, on thousands of random red lines over a layer
/// of small patches plus big polygons with holes.
/// </summary>
public class FastPathAgreementTests : IClassFixture<FastPathAgreementTests.Layers>
{
    public sealed class Layers
    {
        public const double Cell = 122;
        public const int Side = 60;

        public Layers()
        {
            var extent = Side * Cell;
            var farmland = SyntheticBlueprint.Farmland(Side, Side, Cell, seed: 21);
            var big = SyntheticBlueprint.BigPolygons(
                [(X0 + 0.3 * extent, Y0 + 0.3 * extent, 0.15 * extent), (X0 + 0.7 * extent, Y0 + 0.65 * extent, 0.2 * extent)],
                vertices: 10_000, seed: 4, firstId: 1_000_000);
            // One layer mixing both (big polygons overlap patches: each feature counts on its own).
            Subdivided = TestEngines.Layer("STBHHX", farmland.Concat(big), maxPieceVertices: 256);
            Whole = TestEngines.Layer("STBHHX", farmland.Concat(big), maxPieceVertices: int.MaxValue);
            Big = big;
            Random = new Random(99);
            RedLines = Enumerable.Range(0, 2000)
                .Select(i => SyntheticBlueprint.RedLine(Random, X0 + Random.NextDouble() * extent, Y0 + Random.NextDouble() * extent))
                .ToArray();
        }

        public ControlLayerIndex Subdivided { get; }
        public ControlLayerIndex Whole { get; }
        public List<ControlFeature> Big { get; }
        public Random Random { get; }
        public Geometry[] RedLines { get; }
    }

    private readonly Layers _layers;

    public FastPathAgreementTests(Layers layers) => _layers = layers;

    private static LayerCompliance Run(ComplianceEngine engine, Geometry redLine, ControlLayerIndex layer) =>
        engine.Check(RedLine.Create(redLine, Srid), new ComplianceRequest(), TestEngines.Snapshot(layer)).Layers[0];

    /// <summary>Relative difference, with red-line area as the scale for overlaps near zero.</summary>
    private static double Difference(double a, double b, double scale) => Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-3 * scale);

    [Fact]
    public void Check_FastPathsAndPlainOverlay_AgreeTo1e9()
    {
        var worst = 0.0;
        var overlapping = 0;
        var failures = new List<string>();
        Parallel.For(0, _layers.RedLines.Length, i =>
        {
            var redLine = _layers.RedLines[i];
            var fast = Run(TestEngines.Fast, redLine, _layers.Subdivided);
            var plain = Run(TestEngines.Plain, redLine, _layers.Subdivided);
            var d = Difference(fast.OverlapAreaM2, plain.OverlapAreaM2, redLine.Area);
            lock (failures)
            {
                worst = Math.Max(worst, d);
                if (plain.OverlapAreaM2 > 0) overlapping++;
                if (d > 1e-9) failures.Add($"red line {i}: fast {fast.OverlapAreaM2} plain {plain.OverlapAreaM2}");
                if (!fast.Features.Select(f => f.FeatureId).SequenceEqual(plain.Features.Select(f => f.FeatureId)))
                    failures.Add($"red line {i}: features differ");
                else
                    for (var f = 0; f < fast.Features.Count; f++)
                        if (Difference(fast.Features[f].OverlapAreaM2, plain.Features[f].OverlapAreaM2, redLine.Area) > 1e-9)
                            failures.Add($"red line {i}, feature {fast.Features[f].FeatureId}: fast {fast.Features[f].OverlapAreaM2} plain {plain.Features[f].OverlapAreaM2}");
            }
        });
        Assert.True(failures.Count == 0, $"worst {worst:E2}; " + string.Join("\n", failures.Take(20)));
        Assert.True(overlapping > 1500, $"only {overlapping} red lines overlapped anything");
    }

    [Fact]
    public void Check_SubdividedAndWholeLayer_AgreeTo1e9()
    {
        var failures = new List<string>();
        Parallel.For(0, _layers.RedLines.Length, i =>
        {
            var redLine = _layers.RedLines[i];
            var pieces = Run(TestEngines.Fast, redLine, _layers.Subdivided);
            var whole = Run(TestEngines.Fast, redLine, _layers.Whole);
            var d = Difference(pieces.OverlapAreaM2, whole.OverlapAreaM2, redLine.Area);
            if (d > 1e-9) lock (failures) failures.Add($"red line {i}: subdivided {pieces.OverlapAreaM2} whole {whole.OverlapAreaM2}");
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Check_RedLinesInsideBigPolygons_TakeTheShortcutAndAgree()
    {
        // Small red lines well inside a big polygon: the overlap is the red line itself.
        var big = (Polygon)_layers.Big[0].Geometry;
        var centre = big.InteriorPoint.Coordinate;
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var redLine = Blob(random, centre.X + random.NextDouble() * 20, centre.Y + random.NextDouble() * 20, 30, 12 + i);
            if (!big.Contains(redLine)) continue;
            var fast = Run(TestEngines.Fast, redLine, _layers.Subdivided);
            var own = fast.Features.Single(f => f.FeatureId == _layers.Big[0].Id);
            Assert.True(Math.Abs(own.OverlapAreaM2 - redLine.Area) <= 1e-9 * redLine.Area);
        }
    }

    [Fact]
    public void Check_RedLineIsAPatch_DegenerateContactStillExact()
    {
        // Red lines equal to patches, and patches grown by whole metres along shared coordinates: every boundary
        // touches, the kernel declines, OverlayNG answers.
        var layer = _layers.Subdivided;
        for (var f = 0; f < 200; f += 7)
        {
            var patch = layer.Features[f].Geometry;
            foreach (var redLine in new[] { patch, patch.Envelope })
            {
                var fast = Run(TestEngines.Fast, redLine, layer);
                var plain = Run(TestEngines.Plain, redLine, layer);
                Assert.True(Difference(fast.OverlapAreaM2, plain.OverlapAreaM2, redLine.Area) <= 1e-9, $"patch {f}: {fast.OverlapAreaM2} vs {plain.OverlapAreaM2}");
                Assert.True(fast.OverlapAreaM2 >= patch.Area * (1 - 1e-12));
            }
        }
    }

    [Fact]
    public void Check_WithGeometry_PartsHaveTheReportedAreas()
    {
        var request = new ComplianceRequest { IncludeGeometry = true };
        for (var i = 0; i < 150; i++)
        {
            var redLine = RedLine.Create(_layers.RedLines[i], Srid);
            var layer = TestEngines.Fast.Check(redLine, request, TestEngines.Snapshot(_layers.Subdivided)).Layers[0];
            var parts = layer.Parts!;
            Assert.True(Math.Abs(parts.Area - layer.OverlapAreaM2) <= 1e-6 * Math.Max(1, layer.OverlapAreaM2),
                $"red line {i}: parts {parts.Area} vs overlap {layer.OverlapAreaM2}");
            if (layer.OverlapAreaM2 > 0)
            {
                // Near the central meridian the Gauss-Krüger scale is ~1: ellipsoidal and planar areas agree closely.
                Assert.InRange(layer.OverlapAreaEllipsoidalM2!.Value / layer.OverlapAreaM2, 0.999, 1.001);
            }
        }
    }
}
