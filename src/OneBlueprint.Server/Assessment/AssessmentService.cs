using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Engines.Assessment.Statistics;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// The regional-assessment questions answered from a database: coverage of a red line, which areas hold a clicked
/// point, and the city's statistics. The HTTP endpoints and `ob assessment` both call this, so they answer alike.
/// Red lines go through the compliance check's own preparation (<see cref="RedLinePreparation"/>: CRS checks, validity
/// with located problems, parcels merged), so a red line is refused or accepted the same way by both.
/// </summary>
public sealed class AssessmentService(ObDatabase db)
{
    public static AssessmentCoverageEngine Engine { get; } = new();

    /// <summary>
    /// Coverage of <paramref name="input"/> on <paramref name="date"/> by the published areas. With
    /// <paramref name="projectCode"/> the reuse is recorded (when anything may be reused) as one usage row.
    /// </summary>
    public async Task<AssessmentCoverageAnswer> CoverAsync(RedLineInput input, DateOnly date, bool includeParts, string? projectCode, long? checkId,
        string who, CancellationToken ct)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        var prepared = RedLinePreparation.Prepare(input.Features, srid, blueprintExtent: null, input.Name);
        var registry = await AssessmentRegistryCache.For(db).GetAsync(ct);
        var report = Engine.Cover(prepared.Geometry, srid, date, registry, includeParts);
        var usage = string.IsNullOrWhiteSpace(projectCode) ? null : await RecordReuseAsync(projectCode.Trim(), checkId, report, who, ct);
        return new AssessmentCoverageAnswer(report, input.Name, input.Format, prepared.SourceSrid, prepared.ParcelCount, prepared.Warnings, usage);
    }

    /// <summary>Records the results a project may reuse (the used sources of every fully covered item); null when there are none.</summary>
    public async Task<long?> RecordReuseAsync(string projectCode, long? checkId, CoverageReport report, string who, CancellationToken ct)
    {
        var reused = report.MayReuse
            .SelectMany(i => i.Sources.Where(s => s.Used).Select(s => new ReusedResult(i.ItemCode, s.Item.Id, s.Area.Id, s.Area.UnitCode, s.Area.Version, s.Item.Mode.Key())))
            .ToList();
        if (reused.Count == 0) return null;
        return await new AssessmentStore(db).RecordUsageAsync(projectCode, checkId, report.Date, reused, who, ct);
    }

    /// <summary>The published areas holding a point given in CGCS2000 lon/lat (EPSG:4490).</summary>
    public async Task<IReadOnlyList<PointMatch>> AtAsync(double lon, double lat, DateOnly date, CancellationToken ct)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < 73 or > 136 || lat is < 3 or > 54)
            throw new InputException(InputProblem.Error("query.point", $"({lon}, {lat}) is not a lon/lat point in China", null,
                "Give lon= (east, 73–136) and lat= (north, 3–54) in CGCS2000 degrees, e.g. lon=113.78&lat=34.72."));
        var srid = await db.GetWorkingSridAsync(ct);
        var (x, y) = Reprojector.Transform(lon, lat, CrsCatalog.Cgcs2000, srid);
        var point = GeometryKit.Factory(srid).CreatePoint(new Coordinate(x, y));
        return Engine.At(point, date, await AssessmentRegistryCache.For(db).GetAsync(ct));
    }

    /// <summary>
    /// The statistics on <paramref name="date"/>: published areas against the current versions of the district layer
    /// (XZQH: XZQDM/XZQMC) and of the urban development boundary (CZKFBJ), and the current development zones; plus the
    /// projects that reused results per month.
    /// </summary>
    public async Task<(CoverageStatistics Statistics, IReadOnlyList<MonthlyReuse> Reuse)> StatisticsAsync(DateOnly date, int expiringWithinDays,
        CancellationToken ct)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        var store = new AssessmentStore(db);
        var layers = new LayerStore(db);
        var areas = (await store.ListPublishedAsync(ct)).Select(a => a.ToEngine()).ToList();
        var districts = new List<NamedRegion>();
        foreach (var f in await CurrentFeaturesAsync(layers, "XZQH", ct))
            districts.Add(new NamedRegion(f.Attributes.GetValueOrDefault("XZQDM")?.ToString() ?? f.Id ?? "", f.Attributes.GetValueOrDefault("XZQMC")?.ToString() ?? "", f.Geometry));
        var boundary = (await CurrentFeaturesAsync(layers, "CZKFBJ", ct)).Select(f => f.Geometry).ToList();
        var zones = (await store.ListZonesAsync(ct)).Select(z => new NamedRegion(z.Code, z.Name, z.Geometry)).ToList();
        var statistics = AssessmentStatistics.Compute(areas, AssessmentRegistryCache.Catalogue, districts, boundary, zones, date, srid, expiringWithinDays);
        return (statistics, await store.ReuseByMonthAsync(ct));
    }

    private static async Task<List<Geo.Features.GeoFeature>> CurrentFeaturesAsync(LayerStore layers, string code, CancellationToken ct)
    {
        var list = new List<Geo.Features.GeoFeature>();
        if (await layers.GetVersionAsync(code, null, ct) is not { } version) return list;
        await foreach (var f in layers.ReadAllFeaturesAsync(version.Id, ct)) list.Add(f);
        return list;
    }
}
