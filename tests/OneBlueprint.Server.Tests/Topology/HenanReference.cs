using Npgsql;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Topology;

/// <summary>
/// What PostGIS says about the Henan counties, computed once per test run: the overlapping pairs and their areas, the
/// holes of the union with their widths (on the geometries the engine analyses), and ST_IsValidReason of every county
/// read from the file's own GeoJSON text (not through our reader), with the boundary segments that pass through each
/// reported location.
/// </summary>
public sealed class HenanReference
{
    public sealed record Invalid(int Index, string Name, string Reason, double X, double Y);

    private static readonly Lazy<Task<HenanReference>> Shared = new(ComputeAsync);
    public static Task<HenanReference> GetAsync() => Shared.Value;

    public required List<(int A, int B, double Area, double Ellipsoidal)> Overlaps { get; init; }
    public required List<(double Area, double Width)> Holes { get; init; }
    public required double FilledMinusUnion { get; init; }
    public required List<Invalid> InvalidCounties { get; init; }

    /// <summary>Holes no wider than <paramref name="maxWidth"/> by PostGIS's maximum inscribed circle.</summary>
    public IEnumerable<(double Area, double Width)> Gaps(double maxWidth) => Holes.Where(h => h.Width <= maxWidth);

    private static async Task<HenanReference> ComputeAsync()
    {
        var counties = HenanCounties.Instance;
        await using var postgis = await PostGisTopology.LoadAsync(counties.Analysed, HenanCounties.Srid);
        return new HenanReference
        {
            Overlaps = await postgis.OverlapsAsync(),
            Holes = await postgis.HolesAsync(),
            FilledMinusUnion = await postgis.FilledMinusUnionAsync(),
            InvalidCounties = await InvalidAsync(counties),
        };
    }

    private static async Task<List<Invalid>> InvalidAsync(HenanCounties counties)
    {
        await using var connection = new NpgsqlConnection(ObDatabase.ConnectionStringFromEnvironment());
        await connection.OpenAsync();
        var list = new List<Invalid>();
        for (var i = 0; i < counties.GeoJsonGeometries.Count; i++)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT d.valid, d.reason, ST_X(d.location), ST_Y(d.location)
                FROM ST_IsValidDetail(ST_GeomFromGeoJSON($1)) d
                """, connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = counties.GeoJsonGeometries[i] });
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            if (!r.GetBoolean(0)) list.Add(new Invalid(i, counties.Names[i], r.GetString(1), r.GetDouble(2), r.GetDouble(3)));
        }
        return list;
    }

    /// <summary>
    /// True when the file's boundary of county <paramref name="index"/> meets itself at (x, y), by PostGIS's own
    /// segments (ST_DumpSegments): more than two segments pass within 1e-9° of the point, or two that are not
    /// neighbours along one ring. A plain vertex has exactly two, consecutive, segments.
    /// </summary>
    public static async Task<bool> BoundaryMeetsItselfAtAsync(int index, double x, double y)
    {
        await using var connection = new NpgsqlConnection(ObDatabase.ConnectionStringFromEnvironment());
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            WITH s AS (
                SELECT (d).path p, (d).geom g, max((d).path[3]) OVER (PARTITION BY (d).path[1], (d).path[2]) n
                FROM (SELECT ST_DumpSegments(ST_Multi(ST_GeomFromGeoJSON($1))) d) x)
            SELECT p[1], p[2], p[3], n FROM s WHERE ST_DWithin(g, ST_SetSRID(ST_MakePoint($2, $3), 4326), 1e-9)
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = HenanCounties.Instance.GeoJsonGeometries[index] });
        cmd.Parameters.Add(new NpgsqlParameter { Value = x });
        cmd.Parameters.Add(new NpgsqlParameter { Value = y });
        var segments = new List<(int Polygon, int Ring, int Index, int Count)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) segments.Add((r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
        if (segments.Count >= 3) return true;
        if (segments.Count < 2) return false;
        var (a, b) = (segments[0], segments[1]);
        var consecutive = a.Polygon == b.Polygon && a.Ring == b.Ring &&
                          (Math.Abs(a.Index - b.Index) == 1 || (Math.Min(a.Index, b.Index) == 1 && Math.Max(a.Index, b.Index) == a.Count));
        return !consecutive;
    }
}
