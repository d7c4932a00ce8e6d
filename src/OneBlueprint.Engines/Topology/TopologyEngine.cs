using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// Blueprint topology checks (拓扑检查), pure C# over NetTopologySuite:
/// <list type="bullet">
/// <item><see cref="CheckLayer"/> — within one layer: invalid features (IsValidOp reason and location), overlapping
/// neighbour pairs with the shared area, and gaps (enclosed holes no wider than <see cref="TopologyOptions.MaxGapWidthM"/>).</item>
/// <item><see cref="CheckThreeLines"/> — across the 三线: 生态保护红线 ∩ 永久基本农田, 永久基本农田 inside 城镇开发边界,
/// 生态保护红线 ∩ 城镇开发边界.</item>
/// </list>
/// Every finding with area carries planar (layer's GK zone) and ellipsoidal (CGCS2000) area. Invalid features are
/// reported as they are and analysed as repaired. Work runs on <see cref="TopologyOptions.MaxDegreeOfParallelism"/>
/// threads; results are deterministic (same input, same findings in the same order). Progress is reported in percent
/// (0–100); cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public static class TopologyEngine
{
    public static TopologyResult CheckLayer(TopologyLayer layer, TopologyOptions? options = null, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        options ??= TopologyOptions.Default;
        options.Validate();
        var stages = new Stages(progress);
        var threads = options.MaxDegreeOfParallelism;

        var prepared = PreparedLayer.Build(layer, threads, stages.Range(0, 15), ct);
        var failures = new List<string>();
        var overlaps = OverlapFinder.Find(prepared, threads, failures, stages.Range(15, 55), ct);
        var clean = overlaps.Count == 0 && prepared.Invalid.All(e => e is null);
        var gaps = GapFinder.Find(prepared, options.MaxGapWidthM, clean, threads, stages.Range(55, 90), ct);

        var drafts = new List<Draft>();
        if (options.ReportInvalid)
            for (var i = 0; i < prepared.Count; i++)
                if (prepared.Invalid[i] is { } error) drafts.Add(Draft.ForInvalid(prepared, i, error));
        drafts.AddRange(overlaps.Select(p => new Draft(TopologyKinds.Overlap, [prepared.Ref(p.A), prepared.Ref(p.B)], p.Shared)));
        drafts.AddRange(gaps.Gaps.Select(h => new Draft(TopologyKinds.Gap, h.Neighbours.Select(prepared.Ref).ToArray(), h.Shape) { WidthM = h.WidthM }));

        var notes = new List<string>(prepared.Notes) { $"{layer.Code}: union for the gap search by {gaps.UnionMethod}." };
        var result = Finish(layer.Code, layer.Srid, layer.Features.Count, drafts, options, notes, failures, stages.Range(90, 100), ct);
        return result with { MaxGapWidthM = options.MaxGapWidthM, WideHoleCount = gaps.WideCount, WideHoleAreaM2 = gaps.WideAreaM2 };
    }

    /// <summary>
    /// The 三线 against each other. All three layers must share one SRID. Findings list the two features in the
    /// order of the kind's name: (redline, farmland), (farmland, urban boundary), (redline, urban boundary).
    /// </summary>
    public static TopologyResult CheckThreeLines(TopologyLayer ecologicalRedline, TopologyLayer permanentFarmland, TopologyLayer urbanBoundary,
        TopologyOptions? options = null, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ecologicalRedline);
        ArgumentNullException.ThrowIfNull(permanentFarmland);
        ArgumentNullException.ThrowIfNull(urbanBoundary);
        if (permanentFarmland.Srid != ecologicalRedline.Srid || urbanBoundary.Srid != ecologicalRedline.Srid)
            throw new ArgumentException(
                $"the three layers must share one SRID: {ecologicalRedline.Code} EPSG:{ecologicalRedline.Srid}, {permanentFarmland.Code} EPSG:{permanentFarmland.Srid}, {urbanBoundary.Code} EPSG:{urbanBoundary.Srid}");
        options ??= TopologyOptions.Default;
        options.Validate();
        var stages = new Stages(progress);
        var threads = options.MaxDegreeOfParallelism;

        var redline = PreparedLayer.Build(ecologicalRedline, threads, stages.Range(0, 5), ct);
        var farmland = PreparedLayer.Build(permanentFarmland, threads, stages.Range(5, 25), ct);
        var urban = PreparedLayer.Build(urbanBoundary, threads, stages.Range(25, 30), ct);
        var failures = new List<string>();
        var drafts = new List<Draft>();
        void Add(string kind, PreparedLayer a, PreparedLayer b, int from, int to) =>
            drafts.AddRange(CrossLayerOverlap.Find(a, b, threads, failures, stages.Range(from, to), ct)
                .Select(p => new Draft(kind, [a.Ref(p.A), b.Ref(p.B)], p.Shared)));
        Add(TopologyKinds.RedlineFarmland, redline, farmland, 30, 55);
        Add(TopologyKinds.FarmlandInUrbanBoundary, farmland, urban, 55, 80);
        Add(TopologyKinds.RedlineUrbanBoundary, redline, urban, 80, 90);

        var notes = redline.Notes.Concat(farmland.Notes).Concat(urban.Notes).ToList();
        var count = ecologicalRedline.Features.Count + permanentFarmland.Features.Count + urbanBoundary.Features.Count;
        return Finish($"{ecologicalRedline.Code}+{permanentFarmland.Code}+{urbanBoundary.Code}", ecologicalRedline.Srid, count,
            drafts, options, notes, failures, stages.Range(90, 100), ct);
    }

    /// <summary>A finding before numbering and measuring.</summary>
    private sealed record Draft(string Kind, IReadOnlyList<TopologyFeatureRef> Features, Geometry Geometry)
    {
        public InvalidGeometry? Error { get; init; }
        public double? WidthM { get; init; }

        public static Draft ForInvalid(PreparedLayer layer, int i, InvalidGeometry error)
        {
            var source = layer.Layer.Features[i].Geometry;
            var at = error.Location ?? (source.IsEmpty ? new Coordinate(double.NaN, double.NaN) : source.Coordinate);
            return new Draft(TopologyKinds.Invalid, [layer.Ref(i)], GeometryKit.Factory(layer.Layer.Srid).CreatePoint(at.Copy())) { Error = error };
        }
    }

    private static TopologyResult Finish(string code, int srid, int featureCount, List<Draft> drafts, TopologyOptions options,
        List<string> notes, List<string> failures, IProgress<double>? progress, CancellationToken ct)
    {
        // Invalid features carry no area; the rest are filtered by area before anything is measured on the ellipsoid.
        var kept = new List<Draft>(drafts.Count);
        int filtered = 0;
        double filteredArea = 0;
        foreach (var d in drafts)
        {
            if (d.Kind != TopologyKinds.Invalid && d.Geometry.Area <= options.MinAreaM2)
            {
                filtered++;
                filteredArea += d.Geometry.Area;
                continue;
            }
            kept.Add(d);
        }
        // Stable sort by kind: within a kind the drafts are already in input order.
        var ordered = kept.Select((d, i) => (d, i))
            .OrderBy(x => KindOrder(x.d.Kind)).ThenBy(x => x.i).Select(x => x.d).ToList();

        var findings = new TopologyFinding[ordered.Count];
        var done = 0;
        Parallel.For(0, ordered.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct }, k =>
        {
            var d = ordered[k];
            var g = d.Geometry.SRID == srid ? d.Geometry : Relabel(d.Geometry, srid);
            if (d.Kind == TopologyKinds.Invalid)
            {
                var at = g.Coordinate;
                var valid = at is not null && double.IsFinite(at.X) && double.IsFinite(at.Y);
                Coordinate? lonLat = null;
                if (valid)
                {
                    var (lon, lat) = Reprojector.Transform(at!.X, at.Y, srid, CrsCatalog.Cgcs2000);
                    lonLat = new Coordinate(lon, lat);
                }
                findings[k] = new TopologyFinding
                {
                    Number = k + 1, Kind = d.Kind, Features = d.Features, Geometry = g,
                    Reason = d.Error!.Reason, ReasonCode = d.Error.Code,
                    Location = valid ? at!.Copy() : null, LonLat = lonLat,
                };
            }
            else
            {
                findings[k] = new TopologyFinding
                {
                    Number = k + 1, Kind = d.Kind, Features = d.Features, Geometry = g,
                    Area = Areas.Measure(g, srid), WidthM = d.WidthM,
                };
            }
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n & 63) == 0) progress.Report((double)n / ordered.Count);
        });
        progress?.Report(1.0);

        if (failures.Count > 0)
            notes.Add($"{failures.Count} overlay(s) failed and are missing from the findings; first: {failures.Order(StringComparer.Ordinal).First()}");
        if (filtered > 0)
            notes.Add($"{filtered} finding(s) of at most {options.MinAreaM2} m² left out ({filteredArea:0.###} m² in all).");
        return new TopologyResult
        {
            Layer = code, Srid = srid, FeatureCount = featureCount, Findings = findings, Notes = notes,
            FilteredCount = filtered, FilteredAreaM2 = filteredArea,
        };
    }

    private static Geometry Relabel(Geometry g, int srid)
    {
        var copy = g.Copy();
        copy.SRID = srid;
        return copy;
    }

    private static int KindOrder(string kind)
    {
        for (var i = 0; i < TopologyKinds.All.Count; i++)
            if (TopologyKinds.All[i] == kind) return i;
        return int.MaxValue;
    }

    /// <summary>Maps each stage's 0–1 progress onto its slice of 0–100 percent; never goes backwards.</summary>
    private sealed class Stages(IProgress<double>? outer)
    {
        private double _last;

        public IProgress<double>? Range(double from, double to) =>
            outer is null ? null : new Slice(this, from, to);

        private void Report(double percent)
        {
            lock (this)
            {
                if (percent <= _last && percent < 100) return;
                _last = percent;
                outer!.Report(percent);
            }
        }

        private sealed class Slice(Stages stages, double from, double to) : IProgress<double>
        {
            public void Report(double value) => stages.Report(from + (to - from) * Math.Clamp(value, 0, 1));
        }
    }
}
