using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Projects;

/// <summary>
/// Projects and their red lines (项目用地红线). A red line is stored as revisions: revision r of a project
/// holds parcels 1..n (polygons or multipolygons, holes allowed) in the working SRID, and is never changed
/// afterwards — a corrected red line is the next revision. Every write appends its audit row in the same
/// transaction.
/// </summary>
public sealed class ProjectStore
{
    // the red-line TXT reader's attribute name for 地块名称 (Formats.RedLineTxt.RedLineTxtFields.ParcelName)
    private const string ParcelNameAttribute = "地块名称";

    private readonly ObDatabase _db;

    public ProjectStore(ObDatabase db) => _db = db;

    /// <summary>The SRID red lines are stored (and must be given) in.</summary>
    public int WorkingSrid => _db.WorkingSrid;

    /// <summary>Creates the project, or updates its name, category and district; returns it as stored.</summary>
    public async Task<ProjectInfo> UpsertProjectAsync(string code, string name, string? category, string? districtCode, string who,
        CancellationToken ct = default)
    {
        code = (code ?? "").Trim();
        name = (name ?? "").Trim();
        if (code.Length == 0 || name.Length == 0)
            throw new InputException(InputProblem.Error("project.fields", "a project needs a code (项目代码) and a name", null,
                "Give both the project code and the project name."), 422);
        if (code.Length > 100 || code.Any(char.IsControl))
            throw new InputException(InputProblem.Error("project.code", $"project code '{code}' is too long or has control characters", null,
                "Use the code the approval system assigned (letters, digits, '-')."), 422);

        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await ReadProjectAsync(conn, tx, code, forUpdate: true, ct);
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO ob.project (code, name, category, district_code, created_by) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, district_code = EXCLUDED.district_code
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = code });
            cmd.Parameters.Add(new() { Value = name });
            cmd.Parameters.Add(Text(category));
            cmd.Parameters.Add(Text(districtCode));
            cmd.Parameters.Add(new() { Value = who });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var after = (await ReadProjectAsync(conn, tx, code, forUpdate: false, ct))!;
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, before is null ? "project.create" : "project.update",
            "project", code, Details: new JsonObject { ["before"] = Describe(before), ["after"] = Describe(after) }), ct);
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>
    /// Stores <paramref name="parcels"/> (already in the working SRID) as the project's next red-line revision
    /// and returns its number. Unknown project → 404; wrong CRS, no parcels or non-areal geometries → 422.
    /// </summary>
    public async Task<int> AddRedLineRevisionAsync(string projectCode, FeatureSet parcels, string who, string? sourceFile,
        CancellationToken ct = default)
    {
        var srid = await _db.GetWorkingSridAsync(ct);
        CheckParcels(parcels, srid, sourceFile);
        var kinds = AttributeJson.InferKinds(parcels.Features.Select(f => f.Attributes));
        var kindsJson = AttributeJson.SerializeKinds(kinds);

        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // the row lock serialises concurrent uploads for one project, so revision numbers cannot collide
        await using (var lockCmd = new NpgsqlCommand("SELECT 1 FROM ob.project WHERE code = $1 FOR UPDATE", conn, tx))
        {
            lockCmd.Parameters.Add(new() { Value = projectCode });
            if (await lockCmd.ExecuteScalarAsync(ct) is null) throw ProjectNotFound(projectCode);
        }
        int previous;
        await using (var max = new NpgsqlCommand("SELECT coalesce(max(revision), 0) FROM ob.project_redline WHERE project_code = $1", conn, tx))
        {
            max.Parameters.Add(new() { Value = projectCode });
            previous = (int)(await max.ExecuteScalarAsync(ct))!;
        }
        var revision = previous + 1;
        double area = 0;
        for (var i = 0; i < parcels.Features.Count; i++)
        {
            var f = parcels.Features[i];
            area += f.Geometry.Area;
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO ob.project_redline (project_code, revision, parcel_no, parcel_code, parcel_name, attributes, attribute_types, geom, source_file, created_by)
                VALUES ($1, $2, $3, $4, $5, $6::json, $7::jsonb, ST_GeomFromEWKB($8), $9, $10)
                """, conn, tx);
            cmd.Parameters.Add(new() { Value = projectCode });
            cmd.Parameters.Add(new() { Value = revision });
            cmd.Parameters.Add(new() { Value = i + 1 });
            cmd.Parameters.Add(Text(f.Id));
            cmd.Parameters.Add(Text(f.Attributes.TryGetValue(ParcelNameAttribute, out var n) ? n?.ToString() : null));
            cmd.Parameters.Add(new() { Value = AttributeJson.Serialize(f.Attributes), NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = kindsJson, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(GeometryCodec.Parameter(f.Geometry, srid));
            cmd.Parameters.Add(Text(sourceFile));
            cmd.Parameters.Add(new() { Value = who });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "project.redline.add", "project", projectCode,
            BeforeId: previous == 0 ? null : previous, AfterId: revision,
            Details: new JsonObject
            {
                ["revision"] = revision,
                ["parcels"] = parcels.Features.Count,
                ["areaSquareMetres"] = Math.Round(area, 3),
                ["sourceFile"] = sourceFile,
            }), ct);
        await tx.CommitAsync(ct);
        return revision;
    }

    public async Task<ProjectInfo?> GetProjectAsync(string code, CancellationToken ct = default)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        return await ReadProjectAsync(conn, null, code, forUpdate: false, ct);
    }

    /// <summary>All projects, newest first.</summary>
    public async Task<IReadOnlyList<ProjectInfo>> ListProjectsAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand($"{ProjectSelect} ORDER BY p.created_at DESC, p.code");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ProjectInfo>();
        while (await r.ReadAsync(ct)) list.Add(ReadProject(r));
        return list;
    }

    /// <summary>
    /// A red-line revision (the latest when <paramref name="revision"/> is null) as a feature set in the
    /// working SRID, parcels in order with their stored attributes and 地块编号 as Id; null when the project
    /// or revision does not exist.
    /// </summary>
    public async Task<FeatureSet?> GetRedLineAsync(string code, int? revision = null, CancellationToken ct = default)
    {
        var srid = await _db.GetWorkingSridAsync(ct);
        await using var cmd = _db.DataSource.CreateCommand("""
            SELECT parcel_no, parcel_code, attributes, attribute_types::text, ST_AsEWKB(geom), source_file, revision
            FROM ob.project_redline
            WHERE project_code = $1
              AND revision = coalesce($2, (SELECT max(revision) FROM ob.project_redline WHERE project_code = $1))
            ORDER BY parcel_no
            """);
        cmd.Parameters.Add(new() { Value = code });
        cmd.Parameters.Add(new() { Value = (object?)revision ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        FeatureSet? set = null;
        while (await r.ReadAsync(ct))
        {
            var sourceFile = r.IsDBNull(5) ? null : r.GetString(5);
            set ??= new FeatureSet { Srid = srid, Name = $"{code} r{r.GetInt32(6)}" };
            var feature = new GeoFeature(GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(4)))
            {
                Id = r.IsDBNull(1) ? null : r.GetString(1),
                Source = new SourceLocation(sourceFile, Record: r.GetInt32(0)),
            };
            AttributeJson.Deserialize(r.GetString(2), feature.Attributes, AttributeJson.DeserializeKinds(r.GetString(3)));
            set.Features.Add(feature);
        }
        return set;
    }

    /// <summary>The project's red-line revisions, newest first.</summary>
    public async Task<IReadOnlyList<RedLineRevisionInfo>> ListRedLineRevisionsAsync(string code, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand("""
            SELECT revision, count(*)::int, sum(ST_Area(geom)), min(source_file), min(created_by), min(created_at)
            FROM ob.project_redline WHERE project_code = $1 GROUP BY revision ORDER BY revision DESC
            """);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RedLineRevisionInfo>();
        while (await r.ReadAsync(ct))
            list.Add(new RedLineRevisionInfo(r.GetInt32(0), r.GetInt32(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)));
        return list;
    }

    private const string ProjectSelect = """
        SELECT p.code, p.name, p.category, p.district_code, p.created_at, p.created_by,
               (SELECT max(revision) FROM ob.project_redline r WHERE r.project_code = p.code)
        FROM ob.project p
        """;

    private static async Task<ProjectInfo?> ReadProjectAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string code, bool forUpdate,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"{ProjectSelect} WHERE p.code = $1{(forUpdate ? " FOR UPDATE OF p" : "")}", conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadProject(r) : null;
    }

    private static ProjectInfo ReadProject(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetFieldValue<DateTimeOffset>(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetInt32(6));

    private static JsonObject? Describe(ProjectInfo? p) => p is null ? null : new JsonObject
    {
        ["name"] = p.Name,
        ["category"] = p.Category,
        ["districtCode"] = p.DistrictCode,
    };

    private static void CheckParcels(FeatureSet parcels, int srid, string? sourceFile)
    {
        if (parcels.Srid is int given && given != srid)
            throw new InputException(InputProblem.Error("redline.crs", $"the red line is in EPSG:{given}, not the working EPSG:{srid}",
                new SourceLocation(sourceFile), $"Transform it to EPSG:{srid} first (FeatureSet.ReprojectTo)."), 422);
        if (parcels.Features.Count == 0)
            throw new InputException(InputProblem.Error("redline.empty", "the red line has no parcels", new SourceLocation(sourceFile),
                "Upload a file with at least one parcel (地块)."), 422);
        var problems = new List<InputProblem>();
        for (var i = 0; i < parcels.Features.Count; i++)
        {
            var f = parcels.Features[i];
            var where = f.Source ?? new SourceLocation(sourceFile, Record: i + 1);
            if (f.Geometry is not (Polygon or MultiPolygon))
                problems.Add(InputProblem.Error("redline.not_areal", $"parcel {f.Id ?? (i + 1).ToString()} is a {f.Geometry.GeometryType}, not a polygon",
                    where, "A red-line parcel must be a polygon (图形属性=面); send its boundary as a closed ring."));
            else if (f.Geometry.IsEmpty)
                problems.Add(InputProblem.Error("redline.empty_parcel", $"parcel {f.Id ?? (i + 1).ToString()} has no coordinates",
                    where, "Give the parcel its boundary points or remove it."));
        }
        if (problems.Count > 0) throw new InputException(problems, 422);
    }

    private static InputException ProjectNotFound(string code) =>
        new(InputProblem.Error("project.unknown", $"there is no project '{code}'", null,
            "Create the project first (POST /api/v1/projects or `ob projects add`), then upload its red line."), 404);

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
