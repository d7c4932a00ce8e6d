using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;

namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// Publishing a draft version of an assessment area, inside the caller's transaction: the draft becomes the unit's
/// published version and the one published before is marked superseded (kept, as history). Refused when the draft is
/// not a draft (409), when a newer version of the unit is already published (409), or when it overlaps a published
/// area of another unit that holds a result for the same item in an overlapping validity period (422, every overlap
/// listed) — unless <c>allowOverlap</c>: then coverage reports both and uses the valid and most recent result.
/// </summary>
internal static class AssessmentPublishing
{
    /// <summary>Overlaps smaller than this (m²) are edge contact from digitising, not two results for the same ground.</summary>
    public const double OverlapToleranceM2 = 0.01;

    public static async Task PublishAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long areaId, string who, bool allowOverlap, CancellationToken ct)
    {
        string unitCode, status, name;
        int version;
        await using (var read = new NpgsqlCommand("SELECT unit_code, version, status, name FROM ob.assessment_area WHERE id = $1", conn, tx))
        {
            read.Parameters.Add(new() { Value = areaId });
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                throw new InputException(InputProblem.Error("assessment.unknown", $"there is no assessment area version {areaId}", null,
                    "GET /api/v1/assessment/areas?includeDrafts=true lists the versions."), 404);
            (unitCode, version, status, name) = (r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3));
        }
        await AssessmentImporter.LockUnitAsync(conn, tx, unitCode, ct);
        if (status != AssessmentAreaRecord.Draft)
            throw new InputException(InputProblem.Error("assessment.not_draft", $"{name} ({unitCode} v{version}) is already {status}", null,
                "Only a draft is published; import a new version to change a published area."), 409);

        long? previous = null;
        await using (var current = new NpgsqlCommand("SELECT id, version FROM ob.assessment_area WHERE unit_code = $1 AND status = 'published'", conn, tx))
        {
            current.Parameters.Add(new() { Value = unitCode });
            await using var r = await current.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                previous = r.GetInt64(0);
                if (r.GetInt32(1) > version)
                    throw new InputException(InputProblem.Error("assessment.older_version",
                        $"{unitCode} v{version} is older than the published v{r.GetInt32(1)}", null,
                        "Publish the newest draft, or import the change again as a new version."), 409);
            }
        }

        var overlaps = await OverlapsAsync(conn, tx, areaId, unitCode, ct);
        if (overlaps.Count > 0 && !allowOverlap) throw new InputException(overlaps, 422);

        if (previous is { } old)
            await using (var supersede = new NpgsqlCommand("UPDATE ob.assessment_area SET status = 'superseded', superseded_at = now() WHERE id = $1", conn, tx))
            {
                supersede.Parameters.Add(new() { Value = old });
                await supersede.ExecuteNonQueryAsync(ct);
            }
        await using (var publish = new NpgsqlCommand(
                         "UPDATE ob.assessment_area SET status = 'published', published_at = now(), published_by = $2 WHERE id = $1", conn, tx))
        {
            publish.Parameters.Add(new() { Value = areaId });
            publish.Parameters.Add(new() { Value = who });
            await publish.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "assessment.publish", "assessment_area", unitCode,
            BeforeId: previous, AfterId: areaId, Details: new JsonObject
            {
                ["version"] = version,
                ["overlapsAccepted"] = new JsonArray(overlaps.Select(o => (JsonNode)o.What).ToArray()),
            }), ct);
    }

    /// <summary>Every published area of another unit holding the same item over the same ground in an overlapping period.</summary>
    private static async Task<List<InputProblem>> OverlapsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long areaId, string unitCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT o.unit_code, o.version, o.name, ni.item_name, ni.item_code, ST_Area(ST_Intersection(n.geom, o.geom)),
                   ni.valid_from, ni.valid_to, oi.valid_from, oi.valid_to, ST_X(ST_PointOnSurface(ST_Intersection(n.geom, o.geom))),
                   ST_Y(ST_PointOnSurface(ST_Intersection(n.geom, o.geom)))
            FROM ob.assessment_area n
            JOIN ob.assessment_item ni ON ni.area_id = n.id
            JOIN ob.assessment_area o ON o.status = 'published' AND o.unit_code <> $2 AND ST_Intersects(o.geom, n.geom)
            JOIN ob.assessment_item oi ON oi.area_id = o.id AND oi.item_code = ni.item_code
                 AND oi.valid_from <= coalesce(ni.valid_to, 'infinity'::date) AND ni.valid_from <= coalesce(oi.valid_to, 'infinity'::date)
            WHERE n.id = $1 AND ST_Area(ST_Intersection(n.geom, o.geom)) > $3
            ORDER BY o.unit_code, ni.item_code
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = areaId });
        cmd.Parameters.Add(new() { Value = unitCode });
        cmd.Parameters.Add(new() { Value = OverlapToleranceM2 });
        var problems = new List<InputProblem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string Period(int from, int to) => $"{r.GetFieldValue<DateOnly>(from):yyyy-MM-dd} – {(r.IsDBNull(to) ? "open" : r.GetFieldValue<DateOnly>(to).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}";
            problems.Add(InputProblem.Error("assessment.overlap",
                string.Create(CultureInfo.InvariantCulture,
                    $"{unitCode} overlaps the published area {r.GetString(2)} ({r.GetString(0)} v{r.GetInt32(1)}) on {r.GetDouble(5):0.##} m², and both hold a {r.GetString(3)} ({r.GetString(4)}) result for overlapping periods ({Period(6, 7)} and {Period(8, 9)})"),
                new Geo.Features.SourceLocation(null, X: r.IsDBNull(10) ? null : r.GetDouble(10), Y: r.IsDBNull(11) ? null : r.GetDouble(11)),
                "If both results really apply there, publish with --allow-overlap (allowOverlap=true): coverage then reports both and uses the valid and most recent result. Otherwise correct the boundary so the areas do not overlap."));
        }
        return problems;
    }
}
