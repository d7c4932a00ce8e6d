using System.Globalization;
using OneBlueprint.Engines.Topology;
using Xunit.Abstractions;

namespace OneBlueprint.Server.Tests.Topology;

/// <summary>
/// The topology engine on real messy data — the DataV counties of Henan, with self-intersections, overlaps and gaps
/// between neighbours — against PostGIS on the same geometries: overlap pairs and areas, gap area, invalid counties.
/// </summary>
public sealed class HenanTopologyTests(ITestOutputHelper output)
{
    private const double Relative = 1e-6;
    private const double MaxGapWidth = 100;

    /// <summary>
    /// Holes of at most a square centimetre are numerical dust of the union (1e-15 to 1e-7 m² here), and GEOS and
    /// NetTopologySuite leave slightly different dust; the engine is asked to leave it out, and so is PostGIS's list.
    /// </summary>
    private const double Dust = 1e-4;

    /// <summary>
    /// PostGIS ST_Area(geography) follows geodesics between vertices, our ellipsoidal area straight lines in an
    /// equal-area projection: on overlaps a few metres wide and kilometres long that shifts the area by up to ~1e-5
    /// (measured: 8.7e-6). The planar areas, the ones compared at 1e-6, agree exactly.
    /// </summary>
    private const double EllipsoidalRelative = 2e-5;

    private static readonly Lazy<TopologyResult> Checked = new(() =>
        TopologyEngine.CheckLayer(HenanCounties.Instance.Layer, new TopologyOptions { MaxGapWidthM = MaxGapWidth, MinAreaM2 = Dust }));

    private static void Close(double expected, double actual, string what, double relative = Relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: PostGIS {expected:R}, ours {actual:R} (rel {Math.Abs(expected - actual) / Math.Abs(expected):G3})"));

    [Fact]
    public async Task Overlaps_SamePairsAndAreasAsPostGis()
    {
        var reference = await HenanReference.GetAsync();
        var pairs = reference.Overlaps.Where(o => o.Area > Dust).ToList();
        var ours = Checked.Value.OfKind(TopologyKinds.Overlap)
            .ToDictionary(f => (HenanCounties.Index(f.Features[0].Id), HenanCounties.Index(f.Features[1].Id)));

        Assert.True(pairs.Count > 100, $"PostGIS finds only {pairs.Count} overlapping pairs");
        Assert.Equal(pairs.Select(o => (o.A, o.B)).Order(), ours.Keys.Order());
        double worst = 0, worstEllipsoidal = 0;
        foreach (var (a, b, area, ellipsoidal) in pairs)
        {
            var finding = ours[(a, b)];
            var what = $"{HenanCounties.Instance.Names[a]} ∩ {HenanCounties.Instance.Names[b]}";
            Close(area, finding.Area!.PlanarM2, what);
            Close(ellipsoidal, finding.Area.EllipsoidalM2, what + " (ellipsoidal)", EllipsoidalRelative);
            worst = Math.Max(worst, Math.Abs(area - finding.Area.PlanarM2) / area);
            worstEllipsoidal = Math.Max(worstEllipsoidal, Math.Abs(ellipsoidal - finding.Area.EllipsoidalM2) / ellipsoidal);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ours.Count} pairs, {pairs.Sum(o => o.Area):N1} m²; worst relative difference planar {worst:G3}, ellipsoidal {worstEllipsoidal:G3}"));
    }

    [Fact]
    public async Task Gaps_SameCountAndAreaAsPostGis()
    {
        var reference = await HenanReference.GetAsync();
        // A hole within 1 % of the width limit could fall either side with PostGIS's approximate circle; there is none.
        Assert.DoesNotContain(reference.Holes, h => Math.Abs(h.Width - MaxGapWidth) < 0.01 * MaxGapWidth);
        var expected = reference.Gaps(MaxGapWidth).Where(h => h.Area > Dust).ToList();
        var result = Checked.Value;

        Assert.Equal(expected.Count, result.Count(TopologyKinds.Gap));
        Close(expected.Sum(h => h.Area), result.TotalArea(TopologyKinds.Gap).PlanarM2, "total gap area");
        Assert.Equal(reference.Holes.Count(h => h.Width > MaxGapWidth), result.WideHoleCount);
        Close(reference.Holes.Where(h => h.Width > MaxGapWidth).Sum(h => h.Area), result.WideHoleAreaM2, "area of the wider holes");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{expected.Count} gaps ≤ {MaxGapWidth} m, {expected.Sum(h => h.Area):N1} m²; {result.WideHoleCount} wider holes, {result.WideHoleAreaM2:N1} m²"));
    }

    [Fact]
    public async Task Gaps_WithoutWidthLimit_AddUpToTheFilledUnionMinusTheUnion()
    {
        var reference = await HenanReference.GetAsync();
        var all = TopologyEngine.CheckLayer(HenanCounties.Instance.Layer, new TopologyOptions { MaxGapWidthM = null });

        // Dust included: it adds nothing measurable to the total.
        Close(reference.FilledMinusUnion, all.TotalArea(TopologyKinds.Gap).PlanarM2, "Σ holes vs filled union − union");
        Assert.Equal(reference.Holes.Count(h => h.Area > Dust), all.OfKind(TopologyKinds.Gap).Count(g => g.Area!.PlanarM2 > Dust));
    }

    [Fact]
    public async Task InvalidCounties_AreThoseOfPostGisIsValidReason()
    {
        var reference = await HenanReference.GetAsync();
        var counties = HenanCounties.Instance;
        Assert.Equal(6, reference.InvalidCounties.Count); // as shared/data/README and design.md §4 say

        // Judged on the file's own coordinates, as `ob topology` does.
        var ours = counties.Layer.Features.Select((_, i) => (i, Error: InvalidGeometry.Of(counties.AsRead[i])))
            .Where(x => x.Error is not null).ToList();
        Assert.Equal(reference.InvalidCounties.Select(r => r.Index), ours.Select(x => x.i));
        foreach (var (i, error) in ours)
        {
            var postgis = reference.InvalidCounties.Single(r => r.Index == i);
            Assert.Equal(postgis.Reason, error!.Reason);
            var at = error.Location!;
            // GEOS and NetTopologySuite walk their noding indexes in different orders, so for a county that crosses
            // itself in several places they may name different crossings; ours must then be a crossing too.
            var same = Math.Abs(at.X - postgis.X) < 1e-9 && Math.Abs(at.Y - postgis.Y) < 1e-9;
            Assert.True(same || await HenanReference.BoundaryMeetsItselfAtAsync(i, at.X, at.Y),
                string.Create(CultureInfo.InvariantCulture, $"{counties.Names[i]}: ours at {at.X} {at.Y} is no crossing (PostGIS: {postgis.X} {postgis.Y})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{counties.Names[i]}: {error.Reason} at {at.X} {at.Y}{(same ? " (as PostGIS)" : $" (PostGIS: {postgis.X} {postgis.Y})")}"));
        }

        // The engine itself, on the converted coordinates, finds the same counties invalid.
        Assert.Equal(reference.InvalidCounties.Select(r => $"#{r.Index + 1}"),
            Checked.Value.OfKind(TopologyKinds.Invalid).Select(f => f.Features[0].Id));
    }
}
