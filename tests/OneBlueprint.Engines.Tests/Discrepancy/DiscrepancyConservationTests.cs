using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Discrepancy;

[Collection(DemoFarmlandCollection.Name)]
public sealed class DiscrepancyConservationTests(DemoFarmland demo)
{
    private static DiscrepancyRequest Request(IReadOnlyList<ControlFeature> a, IReadOnlyList<ControlFeature> b, LandUseClassification? ca = null,
        LandUseClassification? cb = null, string field = "DLBM") => new()
    {
        A = new PlanLayer("A", a, field, ca ?? LandUseClassification.AsIs),
        B = new PlanLayer("B", b, field, cb ?? LandUseClassification.AsIs),
        Srid = DemoFarmland.Srid,
        Slivers = new SliverRules(1.0, 0.1),
    };

    private static double Sum(DiscrepancyResult r, PartKind kind) => r.Classes.Where(c => c.Kind == kind).Sum(c => c.AllAreaM2);

    private static void Near(double expected, double actual, double relative, double absolute = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(absolute, relative * Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (diff {actual - expected:G3})");

    [Fact]
    public void Overlay_DemoFarmlandAgainstRevisedCopy_ConservesBothPlansAndAccountsForEachChange()
    {
        var revision = TestRevision.Of(demo.Farmland, "DLBM");
        var result = DiscrepancyEngine.Default.Run(Request(demo.Farmland, revision.Features));

        Assert.True(result.A.Conserved, $"A residual {result.A.ResidualM2} m²");
        Assert.True(result.B.Conserved, $"B residual {result.B.ResidualM2} m²");
        Near(demo.FarmlandArea, result.A.AreaM2, 1e-12);
        Near(revision.Features.Sum(f => f.Geometry.Area), result.B.AreaM2, 1e-12);

        // Each change lands where it should, in the amounts plain NTS areas say.
        Near(revision.DroppedArea + revision.ShrunkArea + revision.SliverArea, Sum(result, PartKind.OnlyA), 1e-9, 1e-3);
        Near(revision.ReclassifiedArea + revision.MergedAcrossClassesArea, Sum(result, PartKind.Differ), 1e-9, 1e-3);
        Assert.True(Sum(result, PartKind.OnlyB) < 1e-3, $"B has nothing A lacks, yet {Sum(result, PartKind.OnlyB)} m² only in B");
        Near(result.A.AgreedM2, Sum(result, PartKind.Agreed), 1e-12);

        // The 4 cm strips are slivers (too narrow), counted on A's side and not kept as patches.
        Assert.True(result.Slivers.TooNarrow >= revision.SliverStrips, $"{result.Slivers.TooNarrow} narrow slivers, {revision.SliverStrips} strips made");
        var onlyASlivers = result.Classes.Where(c => c.Kind == PartKind.OnlyA).Sum(c => c.SliverAreaM2);
        Near(revision.SliverArea, onlyASlivers, 1e-6, 1e-3);
        Assert.DoesNotContain(result.Patches, p => p.AreaM2 < 1.0 || SliverRules.MeanWidth(p.AreaM2, p.PerimeterM) < 0.1);

        // Every dropped feature is one whole one-sided patch.
        var droppedPatches = result.Patches.Where(p => p.Kind == PartKind.OnlyA && revision.Dropped.Contains(p.FeatureIdA!.Value)).ToList();
        Assert.Equal(revision.Dropped.Count, droppedPatches.Count);
        foreach (var p in droppedPatches)
            Assert.Equal(demo.Farmland.First(f => f.Id == p.FeatureIdA).Geometry.Area, p.AreaM2, 6);

        // Most of a revised copy needs no overlay at all.
        Assert.True(result.Work.IdenticalPairs > 0.8 * demo.Farmland.Count, $"{result.Work.IdenticalPairs} identical pairs");
        foreach (var p in result.Patches.Take(500)) Assert.Equal(p.Geometry.Area, p.AreaM2, 9);
    }

    [Fact]
    public void Overlay_LayerAgainstItself_AgreesEverywhereWithoutAnyOverlay()
    {
        var result = DiscrepancyEngine.Default.Run(Request(demo.Farmland, demo.Farmland));
        Assert.Empty(result.Patches);
        Assert.Equal(demo.Farmland.Count, result.Work.IdenticalPairs);
        Assert.Equal(0, result.Work.OverlaidPairs);
        Near(demo.FarmlandArea, Sum(result, PartKind.Agreed), 1e-12);
        Assert.Equal(0, result.A.ResidualM2, 6);
    }

    [Fact]
    public void Overlay_LandUseAgainstUrbanPlanCodes_GivesEachCylxdmTheAreaTheCodeTablesSay()
    {
        // Plan A: 土规 TDGHDL codes; plan B: the same parcels with 城规 GB 50137 codes. Which pairs conflict follows from
        // the standards' first digit / first letter, written out here independently of the engine's tables.
        string[] tdghdl = ["111", "112", "211", "212", "226", "313", "2110"];
        string[] gb50137 = ["E2", "R2", "M1", "E12", "G1", "H14", "E9", "a33"];
        var a = demo.Farmland.Select(f => f with { Attributes = new Dictionary<string, object?> { ["YDXZ"] = tdghdl[f.Id % tdghdl.Length] } }).ToList();
        var b = demo.Farmland.Select(f => f with { Attributes = new Dictionary<string, object?> { ["YDXZ"] = gb50137[f.Id % gb50137.Length] } }).ToList();
        var expected = new Dictionary<string, double> { ["1"] = 0, ["2"] = 0, ["3"] = 0, ["4"] = 0 };
        foreach (var f in demo.Farmland)
        {
            var landBuilds = tdghdl[f.Id % tdghdl.Length].StartsWith('2');
            var urbanBuilds = !gb50137[f.Id % gb50137.Length].StartsWith("E", StringComparison.OrdinalIgnoreCase);
            var code = (landBuilds, urbanBuilds) switch { (true, true) => "1", (false, true) => "2", (true, false) => "3", _ => "4" };
            expected[code] += f.Geometry.Area;
        }

        var result = DiscrepancyEngine.Default.Run(Request(a, b, LandUseClassification.LandUsePlan, LandUseClassification.UrbanPlan, "YDXZ"));
        Assert.Equal(4, result.Types.Count);
        foreach (var t in result.Types) Assert.True(Math.Abs(expected[t.Cylxdm] - t.AllAreaM2) <= 1e-9 * expected[t.Cylxdm],
            $"CYLXDM {t.Cylxdm}: expected {expected[t.Cylxdm]:R}, got {t.AllAreaM2:R}; " + string.Join("; ", result.Types.Select(x => $"{x.Cylxdm} {x.AllAreaM2:R} vs {expected[x.Cylxdm]:R}")) +
            " unclassified " + string.Join(",", result.Unclassified.Select(u => u.Value)) + " classes " + string.Join(",", result.Classes.Select(c => $"{c.Kind}:{c.ClassA}/{c.ClassB}:{c.AllAreaM2:0}")));
        Assert.Equal(0, result.Types.Single(t => t.Cylxdm == DiscrepancyType.BothConstruction).Patches);
        Assert.True(result.Types.Single(t => t.Cylxdm == DiscrepancyType.UrbanConstructionOnly).Patches > 0);
        Assert.All(result.Patches, p => Assert.True(p.IsConflict));
        Assert.Empty(result.Unclassified);

        // The same codes on a revised copy: the overlay is real now, and area is still conserved on both sides.
        var revision = TestRevision.Of(b, "YDXZ", v => v as string == "E2" ? "R2" : "E2");
        var revised = DiscrepancyEngine.Default.Run(Request(a, revision.Features, LandUseClassification.LandUsePlan, LandUseClassification.UrbanPlan, "YDXZ"));
        Assert.True(revised.Conserved, $"A {revised.A.RelativeResidual:G3}, B {revised.B.RelativeResidual:G3}");
        Assert.Empty(revised.Unclassified);
        Near(revised.A.AreaM2, revised.Types.Sum(t => t.AllAreaM2) + Sum(revised, PartKind.OnlyA), 1e-9);
    }

    [Fact]
    public void Overlay_WithDistrictsAndControlLayers_CutsByDistrictAndMeasuresOverlaps()
    {
        var revision = TestRevision.Of(demo.Farmland, "DLBM");
        var plain = DiscrepancyEngine.Default.Run(Request(demo.Farmland, revision.Features));
        var districts = District.FromFeatures(demo.Districts);
        var request = Request(demo.Farmland, revision.Features) with
        {
            Districts = districts,
            Farmland = ControlLayerIndex.Build("YJJBNTBHTB", 1, DemoFarmland.Srid, demo.Farmland),
            EcologicalRedline = ControlLayerIndex.Build("STBHHX", 2, DemoFarmland.Srid, demo.EcologicalRedlines),
        };
        var result = DiscrepancyEngine.Default.Run(request);

        Assert.True(result.Conserved);
        Near(Sum(plain, PartKind.Differ) + Sum(plain, PartKind.OnlyA), Sum(result, PartKind.Differ) + Sum(result, PartKind.OnlyA), 1e-9, 1e-3);
        Assert.Contains(result.Patches, p => p.Xzqdm is not null);
        foreach (var p in result.Patches.Where(p => p.Xzqdm is not null).Take(300))
        {
            var district = districts.First(d => d.Code == p.Xzqdm);
            Assert.True(district.Geometry.Buffer(0.01).Covers(p.Geometry), $"patch {p.Number} is not inside district {p.Xzqdm}");
            Assert.Equal(district.Name, p.Xzqmc);
        }
        // Plan A is the farmland itself: every patch of A's lies wholly in it; the sthx overlap matches a plain overlay.
        foreach (var p in result.Patches.Where(p => p.Kind != PartKind.OnlyB))
            Near(p.AreaM2, p.JbntAreaM2!.Value, 1e-6, 1e-6);
        Assert.All(result.Patches, p => Assert.Null(p.KfbjAreaM2));
        foreach (var p in result.Patches.Where(p => p.Sthx == true).Take(50))
        {
            var direct = demo.EcologicalRedlines.Sum(f => f.Geometry.Intersection(p.Geometry).Area);
            Near(direct, p.SthxAreaM2!.Value, 1e-6, 1e-6);
        }
    }

    [Fact]
    public void Overlay_OneOrTwoThreads_GiveTheSamePatchesInTheSameOrder()
    {
        var revision = TestRevision.Of(demo.Farmland, "DLBM");
        var one = new DiscrepancyEngine(new DiscrepancyOptions { MaxDegreeOfParallelism = 1 }).Run(Request(demo.Farmland, revision.Features));
        var two = new DiscrepancyEngine(new DiscrepancyOptions { MaxDegreeOfParallelism = 2 }).Run(Request(demo.Farmland, revision.Features));
        Assert.Equal(one.Patches.Count, two.Patches.Count);
        for (var i = 0; i < one.Patches.Count; i++)
        {
            Assert.Equal(one.Patches[i] with { Geometry = two.Patches[i].Geometry }, two.Patches[i]);
            Assert.True(one.Patches[i].Geometry.EqualsExact(two.Patches[i].Geometry), $"patch {i + 1} differs");
        }
        Assert.Equal(one.Classes, two.Classes);
        Assert.Equal(one.A, two.A);
        Assert.Equal(one.B, two.B);
    }

    [Fact]
    public void Run_CancelledPartWay_ThrowsAndStops()
    {
        var revision = TestRevision.Of(demo.Farmland, "DLBM");
        using var cancel = new CancellationTokenSource();
        var reports = new List<double>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p > 30) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => DiscrepancyEngine.Default.Run(Request(demo.Farmland, revision.Features), progress, cancel.Token));
        Assert.DoesNotContain(reports, p => p >= 100);
        Assert.Equal(reports.Order(), reports);

        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DiscrepancyEngine.Default.Run(Request(demo.Farmland, demo.Farmland), null, before.Token));
    }

    [Fact]
    public void Run_ReportsProgressUpToHundred()
    {
        var reports = new List<double>();
        DiscrepancyEngine.Default.Run(Request(demo.Farmland, TestRevision.Of(demo.Farmland, "DLBM").Features), new SynchronousProgress(reports.Add));
        Assert.Equal(100, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.True(reports.Count > 10);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        private readonly object _gate = new();

        public void Report(double value)
        {
            lock (_gate) report(value);
        }
    }
}
