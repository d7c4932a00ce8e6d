using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Cli.Bench.Diff;
using OneBlueprint.DemoCity;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tests.Discrepancy;

/// <summary>
/// The engine's areas per kind and class pair against PostGIS computing the same overlay in SQL, on the demo city's
/// farmland (~20,000 patches) and the benchmark's revised copy of it (edges moved, merged, split, reclassified,
/// missing): once compared as-is (DLBM), once classified into 建设用地/非建设用地 from 土规 and 城规 codes — the SQL
/// writes that classification out on its own (first digit 2; first letter other than E).
/// </summary>
public sealed class DiscrepancyPostGisTests : IAsyncLifetime
{
    private static readonly string[] Tdghdl = ["111", "112", "211", "212", "226", "313", "2110"];
    private static readonly string[] Gb50137 = ["E2", "R2", "M1", "E12", "G1", "H14", "E9", "a33"];

    private ScratchDatabase _db = null!;
    private List<ControlFeature> _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var generating = Task.Run(() => DemoCityGenerator.Generate(DemoScale.Demo, 2026));
        _db = await ScratchDatabase.CreateAsync();
        var city = await generating;
        var source = city.Layers[LayerCodes.Farmland].Features
            .Select((f, i) => new SourcePatch(i + 1, f.Geometry, f.Attributes["DLBM"] as string)).ToList();
        var (revised, _) = new RevisedCopyGenerator(seed: 7).Revise(source);
        _a = source.Select(s => Feature(s.Id, s.Geometry, s.Value, Tdghdl[s.Id % Tdghdl.Length])).ToList();
        _b = revised.Select(r => Feature(r.Id, r.Geometry, r.Value, Gb50137[r.Id % Gb50137.Length])).ToList();
        await using var conn = await _db.Database.OpenConnectionAsync();
        foreach (var (table, features) in new[] { ("plan_a", _a), ("plan_b", _b) })
        {
            await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id bigint, dlbm text, code text, geom geometry)", conn))
                await create.ExecuteNonQueryAsync();
            await using (var copy = await conn.BeginBinaryImportAsync($"COPY {table} (id, dlbm, code, geom) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var f in features)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(f.Id, NpgsqlDbType.Bigint);
                    await copy.WriteAsync((string)f.Attributes["DLBM"]!, NpgsqlDbType.Text);
                    await copy.WriteAsync((string)f.Attributes["CODE"]!, NpgsqlDbType.Text);
                    await copy.WriteAsync(GeometryCodec.ToEwkb(f.Geometry, DemoCity.DemoCity.Srid), NpgsqlDbType.Bytea);
                }
                await copy.CompleteAsync();
            }
            await using var index = new NpgsqlCommand($"CREATE INDEX ON {table} USING gist (geom); ANALYZE {table}", conn);
            await index.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ControlFeature Feature(long id, NetTopologySuite.Geometries.Geometry g, string? dlbm, string code) =>
        new(id, g, new Dictionary<string, object?> { ["DLBM"] = dlbm, ["CODE"] = code });

    [Fact]
    public async Task AsIs_AreaPerClassPair_AgreesWithPostGis()
    {
        var result = Run("DLBM", LandUseClassification.AsIs, LandUseClassification.AsIs);
        await AgreesAsync(result, "a.dlbm", "b.dlbm");
        Assert.Contains(result.Classes, c => c.Kind == PartKind.Differ && c.Patches > 0);
    }

    [Fact]
    public async Task LandUseAgainstUrbanCodes_AreaPerClassPair_AgreesWithPostGis()
    {
        var result = Run("CODE", LandUseClassification.LandUsePlan, LandUseClassification.UrbanPlan);
        await AgreesAsync(result,
            "CASE WHEN left(a.code, 1) = '2' THEN '建设用地' ELSE '非建设用地' END",
            "CASE WHEN upper(left(b.code, 1)) = 'E' THEN '非建设用地' ELSE '建设用地' END");
        Assert.Contains(result.Types, t => t.Conflict && t.Patches > 0);
    }

    private DiscrepancyResult Run(string field, LandUseClassification a, LandUseClassification b)
    {
        var result = DiscrepancyEngine.Default.Run(new DiscrepancyRequest
        {
            A = new PlanLayer("farmland", _a, field, a),
            B = new PlanLayer("revised", _b, field, b),
            Srid = DemoCity.DemoCity.Srid,
        });
        Assert.True(result.Conserved, $"A {result.A.RelativeResidual:G3}, B {result.B.RelativeResidual:G3}");
        Assert.Empty(result.Unclassified);
        return result;
    }

    /// <summary>
    /// Per class pair: common area (agreed or differing, slivers included) = Σ ST_Area(ST_Intersection). Per class of each
    /// plan: one-sided area = Σ ST_Area(ST_Difference(feature, ST_Union(the other plan's features it meets))), skipping
    /// features equal (ST_Equals) to one of the other plan, which have none. Computed directly rather than as "class area
    /// minus pairs", because the demo farmland has a few µm²–cm² overlaps between neighbours that a subtraction would
    /// count twice. Sums in numeric.
    /// </summary>
    private async Task AgreesAsync(DiscrepancyResult result, string classA, string classB)
    {
        var pairs = new Dictionary<(string, string), decimal>();
        await using var conn = await _db.Database.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT {classA}, {classB}, round(sum(ST_Area(ST_Intersection(a.geom, b.geom))::numeric), 6)
            FROM plan_a a JOIN plan_b b ON a.geom && b.geom AND ST_Intersects(a.geom, b.geom) GROUP BY 1, 2
            """, conn) { CommandTimeout = 600 })
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pairs[(reader.GetString(0), reader.GetString(1))] = reader.GetDecimal(2);
        var onlyA = await OneSidedAsync(conn, "plan_a", "a", classA, "plan_b", "b");
        var onlyB = await OneSidedAsync(conn, "plan_b", "b", classB, "plan_a", "a");

        var expected = new Dictionary<(PartKind, string?, string?), double>();
        foreach (var ((a, b), area) in pairs) expected[(a == b ? PartKind.Agreed : PartKind.Differ, a, b)] = (double)area;
        foreach (var (a, area) in onlyA) expected[(PartKind.OnlyA, a, null)] = (double)area;
        foreach (var (b, area) in onlyB) expected[(PartKind.OnlyB, null, b)] = (double)area;
        var actual = result.Classes.ToDictionary(c => (c.Kind, c.ClassA, c.ClassB), c => c.AllAreaM2);

        var differ = 0;
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            var x = actual.GetValueOrDefault(key);
            var y = expected.GetValueOrDefault(key);
            var abs = Math.Abs(x - y);
            // Relative 1e-6 (the bar); rows of numerical dust (µm² where neighbours only touch) absolutely.
            Assert.True(abs <= 1e-6 * Math.Max(Math.Abs(x), Math.Abs(y)) || abs < 1e-4,
                $"{key}: engine {x:R} m², PostGIS {y:R} m² (|Δ| {abs:G3})");
            if (key.Item1 == PartKind.Differ && y > 1) differ++;
        }
        Assert.True(differ > 0, "the revised copy should give differing class pairs");
    }

    private static async Task<Dictionary<string, decimal>> OneSidedAsync(NpgsqlConnection conn, string table, string alias, string classOf,
        string other, string otherAlias)
    {
        var areas = new Dictionary<string, decimal>();
        await using var cmd = new NpgsqlCommand($"""
            SELECT {classOf}, round(sum(ST_Area(ST_Difference({alias}.geom, coalesce(
                (SELECT ST_Union({otherAlias}.geom) FROM {other} {otherAlias} WHERE {otherAlias}.geom && {alias}.geom AND ST_Intersects({otherAlias}.geom, {alias}.geom)),
                ST_GeomFromText('POLYGON EMPTY', ST_SRID({alias}.geom)))))::numeric), 6)
            FROM {table} {alias}
            WHERE NOT EXISTS (SELECT 1 FROM {other} {otherAlias} WHERE {otherAlias}.geom ~= {alias}.geom AND ST_Equals({otherAlias}.geom, {alias}.geom))
            GROUP BY 1
            """, conn) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) areas[reader.GetString(0)] = reader.GetDecimal(1);
        return areas;
    }
}
