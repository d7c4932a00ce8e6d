using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Import;

/// <summary>
/// Imports a feature set as the next version of a catalogue layer, all or nothing.
/// <para>
/// Strategy: everything that can fail on the data happens before the database is touched — the layer
/// code and the source CRS are checked, then every feature is transformed to the working SRID, validated
/// (<see cref="GeometryValidator"/>; invalid ones reject the import with each one's location, or are
/// repaired and reported when <see cref="LayerImportRequest.RepairInvalid"/> is set) and encoded (EWKB +
/// attribute JSON), in parallel. Then one transaction locks the layer's catalogue row (so concurrent imports
/// of a layer get consecutive version numbers), inserts the version, streams the features with binary
/// COPY — the EWKB goes straight into the geometry column, whose binary input function parses EWKB — and
/// appends the audit row. Cancellation or any failure rolls the transaction back: no version, no features.
/// </para>
/// </summary>
public sealed class LayerImporter
{
    /// <summary>At most this many problems are listed in a rejection (then one line says how many more).</summary>
    public const int MaxListedProblems = 500;

    private const int PrepareChunk = 4096;
    private readonly ObDatabase _db;

    public LayerImporter(ObDatabase db) => _db = db;

    public async Task<LayerImportResult> ImportAsync(FeatureSet set, LayerImportRequest request,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Who);
        var clock = Stopwatch.StartNew();
        var workingSrid = await _db.GetWorkingSridAsync(ct);
        var geometryType = await FindLayerAsync(request.LayerCode, ct);
        var sourceSrid = ResolveSourceSrid(set, request, workingSrid);
        if (set.Features.Count == 0)
            throw new InputException(InputProblem.Error("import.empty", $"{Name(set, request)} has no features",
                new SourceLocation(request.SourceFile), "Check that the right file (and layer inside it) was chosen."), 422);

        var prepared = Prepare(set, request, geometryType, sourceSrid, workingSrid, progress, ct);
        var (versionId, version) = await WriteAsync(set, request, prepared, sourceSrid, workingSrid, progress, ct);
        progress?.Report(new ImportProgress(ImportStage.Done, 1, 1));
        return new LayerImportResult(versionId, request.LayerCode, version, set.Features.Count, prepared.Repairs.Count,
            sourceSrid, workingSrid, prepared.Bbox, prepared.Repairs.Select(r => r.Problem).ToList(),
            set.Warnings.Concat(prepared.Warnings).ToList(), clock.Elapsed);
    }

    // ---------------------------------------------------------------------------------------------------
    // checks before any work

    private async Task<string> FindLayerAsync(string code, CancellationToken ct)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT code, geometry_type FROM ob.layer_catalog ORDER BY sort_order, code");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var codes = new List<string>();
        while (await r.ReadAsync(ct))
        {
            if (r.GetString(0) == code) return r.GetString(1);
            codes.Add(r.GetString(0));
        }
        throw new InputException(InputProblem.Error("layer.unknown", $"there is no layer '{code}' in the catalogue", null,
            $"Use one of the layer codes: {string.Join(", ", codes)}."), 404);
    }

    private static int ResolveSourceSrid(FeatureSet set, LayerImportRequest request, int workingSrid)
    {
        var srid = request.SourceSridOverride ?? set.Srid
            ?? throw new InputException(InputProblem.Error("crs.unknown",
                $"the coordinate system of {Name(set, request)} is not declared", new SourceLocation(request.SourceFile),
                "Say which EPSG code the coordinates are in: --srid N (or --crs EPSG:N) on the CLI, crs=EPSG:N over HTTP; " +
                "or add a .prj / crs member to the file."), 422);
        try
        {
            Reprojector.EnsureSupported(srid, workingSrid);
        }
        catch (CrsException e)
        {
            throw new InputException(InputProblem.Error("crs.unsupported",
                $"cannot transform {Name(set, request)} from EPSG:{srid} to the working EPSG:{workingSrid}: {e.Message}",
                new SourceLocation(request.SourceFile), "Check the declared CRS (--srid/--crs) or configure the datum shift it needs."), 422);
        }
        return srid;
    }

    private static string Name(FeatureSet set, LayerImportRequest request) =>
        $"'{request.SourceFile ?? set.Name ?? "the input"}'";

    // ---------------------------------------------------------------------------------------------------
    // transform, validate, repair, encode

    private sealed record Repair(int FeatureNo, string? SourceId, IReadOnlyList<InputProblem> Found, double AreaBefore, double AreaAfter,
        InputProblem Problem);

    private sealed class Prepared
    {
        public required string?[] SourceIds { get; init; }
        public required string[] Attributes { get; init; }
        public required byte[][] Geometries { get; init; }
        public required List<Repair> Repairs { get; init; }
        public required List<InputProblem> Warnings { get; init; }
        public required string AttributeKinds { get; init; }
        public Envelope? Bbox { get; init; }
    }

    private static Prepared Prepare(FeatureSet set, LayerImportRequest request, string geometryType, int sourceSrid, int workingSrid,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var n = set.Features.Count;
        var sourceIds = new string?[n];
        var attributes = new string[n];
        var geometries = new byte[n][];
        var envelopes = new Envelope?[n];
        var errors = new IReadOnlyList<InputProblem>?[n];
        var warnings = new IReadOnlyList<InputProblem>?[n];
        var repairs = new Repair?[n];
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

        for (var start = 0; start < n; start += PrepareChunk)
        {
            var end = Math.Min(n, start + PrepareChunk);
            Parallel.For(start, end, options, i =>
            {
                var f = set.Features[i];
                var where = f.Source ?? new SourceLocation(request.SourceFile, Record: i + 1);
                var label = FeatureLabel(i, f);
                var (geometry, problems, found, repaired) = PrepareGeometry(f.Geometry, where, label, geometryType, sourceSrid, workingSrid, request.RepairInvalid);
                if (problems.Count > 0) { errors[i] = problems; return; }
                warnings[i] = found.Where(p => p.Severity == ProblemSeverity.Warning).ToList() is { Count: > 0 } w ? w : null;
                if (repaired is not null) repairs[i] = repaired with { FeatureNo = i + 1, SourceId = f.Id };
                sourceIds[i] = f.Id;
                attributes[i] = AttributeJson.Serialize(f.Attributes);
                geometries[i] = GeometryCodec.ToEwkb(geometry!, workingSrid);
                envelopes[i] = geometry!.EnvelopeInternal;
            });
            progress?.Report(new ImportProgress(ImportStage.Prepare, end, n));
        }

        var rejected = errors.Where(e => e is not null).SelectMany(e => e!).ToList();
        if (rejected.Count > 0)
        {
            var invalidFeatures = errors.Count(e => e is not null);
            var listed = rejected.Take(MaxListedProblems).ToList();
            if (rejected.Count > listed.Count)
                listed.Add(InputProblem.Error("import.more_problems",
                    $"{rejected.Count - listed.Count} more problems not listed ({invalidFeatures} features of {n} are invalid)",
                    new SourceLocation(request.SourceFile), "Fix the listed ones first, or import with --repair."));
            throw new InputException(listed, 422);
        }

        var bbox = new Envelope();
        foreach (var e in envelopes) bbox.ExpandToInclude(e!);
        return new Prepared
        {
            SourceIds = sourceIds,
            Attributes = attributes,
            Geometries = geometries,
            Repairs = repairs.Where(r => r is not null).Select(r => r!).ToList(),
            Warnings = warnings.Where(w => w is not null).SelectMany(w => w!).Take(MaxListedProblems).ToList(),
            AttributeKinds = AttributeJson.SerializeKinds(AttributeJson.InferKinds(set.Features.Select(f => f.Attributes))),
            Bbox = bbox.IsNull ? null : bbox,
        };
    }

    /// <summary>One feature's geometry in the working SRID, or the problems that reject it.</summary>
    private static (Geometry? Geometry, IReadOnlyList<InputProblem> Errors, IReadOnlyList<InputProblem> Found, Repair? Repaired)
        PrepareGeometry(Geometry? source, SourceLocation where, string label, string geometryType, int sourceSrid, int workingSrid, bool repair)
    {
        if (source is null || source.IsEmpty)
            return (null, [InputProblem.Error("geometry.empty", $"{label} has no geometry", where,
                "Give the feature its coordinates or remove it from the file.")], [], null);
        if (!FitsLayer(source, geometryType))
            return (null, [InputProblem.Error("geometry.type", $"{label} is a {source.GeometryType}, but this layer holds {geometryType} features",
                where, "Import it into a layer of the right kind, or convert the feature (e.g. close lines into polygons).")], [], null);

        var found = GeometryValidator.Check(source, where);
        var invalid = found.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        Geometry target;
        try
        {
            target = sourceSrid == workingSrid ? source : Reprojector.Transform(source, sourceSrid, workingSrid);
        }
        catch (CrsException e)
        {
            return (null, [InputProblem.Error("crs.transform", $"{label} cannot be transformed to EPSG:{workingSrid}: {e.Message}", where,
                $"Check that its coordinates really are in EPSG:{sourceSrid}.")], found, null);
        }
        if (invalid.Count == 0) return (target, [], found, null);

        if (!repair)
            return (null, invalid.Select(p => p with
            {
                What = $"{label}: {p.What}",
                HowToFix = $"{p.HowToFix} Fix the data or import with --repair (repair=true) to repair it and record the repair.",
            }).ToList(), found, null);

        var fixedGeometry = GeometryValidator.Repair(target);
        if (fixedGeometry.IsEmpty || !FitsLayer(fixedGeometry, geometryType))
            return (null, [InputProblem.Error("geometry.unrepairable",
                $"{label}: {string.Join("; ", invalid.Select(p => p.What))}; repairing it leaves {(fixedGeometry.IsEmpty ? "nothing" : "a " + fixedGeometry.GeometryType)}",
                where, "Fix the feature in the source data; automatic repair cannot keep it.")], found, null);
        fixedGeometry.SRID = workingSrid;
        var note = InputProblem.Warning("geometry.repaired",
            string.Create(CultureInfo.InvariantCulture,
                $"{label} was repaired ({string.Join("; ", invalid.Select(p => p.What))}); area {target.Area:0.###} → {fixedGeometry.Area:0.###} m²"),
            where, "Check the repaired feature; fix the source data so the next import needs no repair.");
        return (fixedGeometry, [], found, new Repair(0, null, invalid, target.Area, fixedGeometry.Area, note));
    }

    private static bool FitsLayer(Geometry g, string geometryType) => geometryType switch
    {
        "Polygon" => g is Polygon or MultiPolygon,
        "LineString" => g is LineString or MultiLineString,
        "Point" => g is Point or MultiPoint,
        _ => true,
    };

    private static string FeatureLabel(int index, GeoFeature f) =>
        f.Id is null ? $"feature {index + 1}" : $"feature {index + 1} (id {f.Id})";

    // ---------------------------------------------------------------------------------------------------
    // one transaction

    private async Task<(long VersionId, int Version)> WriteAsync(FeatureSet set, LayerImportRequest request, Prepared prepared,
        int sourceSrid, int workingSrid, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var n = set.Features.Count;
        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        await using (var lockLayer = new NpgsqlCommand("SELECT 1 FROM ob.layer_catalog WHERE code = $1 FOR UPDATE", conn, tx))
        {
            lockLayer.Parameters.Add(new() { Value = request.LayerCode });
            await lockLayer.ExecuteNonQueryAsync(ct);
        }

        long versionId;
        int version;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ob.layer_version (layer_code, version, effective_date, source_file, checksum_sha256, imported_by, note,
                source_srid, feature_count, repaired_count, repair_report, attribute_types, bbox)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb,
                   CASE WHEN $12::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope($12, $13, $14, $15, $16) END
            FROM ob.layer_version WHERE layer_code = $1
            RETURNING id, version
            """, conn, tx))
        {
            var bbox = prepared.Bbox;
            insert.Parameters.Add(new() { Value = request.LayerCode });
            insert.Parameters.Add(new() { Value = (object?)request.EffectiveDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            insert.Parameters.Add(Text(request.SourceFile));
            insert.Parameters.Add(Text(request.ChecksumSha256?.ToLowerInvariant()));
            insert.Parameters.Add(new() { Value = request.Who });
            insert.Parameters.Add(Text(request.Note));
            insert.Parameters.Add(new() { Value = sourceSrid });
            insert.Parameters.Add(new() { Value = n });
            insert.Parameters.Add(new() { Value = prepared.Repairs.Count });
            insert.Parameters.Add(Text(prepared.Repairs.Count == 0 ? null : RepairReport(prepared.Repairs, sourceSrid).ToJsonString()));
            insert.Parameters.Add(Text(prepared.AttributeKinds));
            insert.Parameters.Add(Float(bbox?.MinX));
            insert.Parameters.Add(Float(bbox?.MinY));
            insert.Parameters.Add(Float(bbox?.MaxX));
            insert.Parameters.Add(Float(bbox?.MaxY));
            insert.Parameters.Add(new() { Value = workingSrid });
            await using var r = await insert.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            versionId = r.GetInt64(0);
            version = r.GetInt32(1);
        }

        progress?.Report(new ImportProgress(ImportStage.Copy, 0, n));
        var step = Math.Max(1, n / 100);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY ob.layer_feature (version_id, feature_no, source_id, attributes, geom) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < n; i++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(versionId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(i + 1, NpgsqlDbType.Integer, ct);
                if (prepared.SourceIds[i] is { } id) await copy.WriteAsync(id, NpgsqlDbType.Text, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(prepared.Attributes[i], NpgsqlDbType.Json, ct);
                // binary COPY hands these bytes to geometry's receive function, which reads EWKB (SRID included)
                await copy.WriteAsync(prepared.Geometries[i], NpgsqlDbType.Bytea, ct);
                if ((i + 1) % step == 0 || i + 1 == n) progress?.Report(new ImportProgress(ImportStage.Copy, i + 1, n));
            }
            await copy.CompleteAsync(ct);
        }

        progress?.Report(new ImportProgress(ImportStage.Commit, 0, 1));
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(request.Who, null, "layer.import", "layer", request.LayerCode,
            AfterId: versionId, Details: new JsonObject
            {
                ["version"] = version,
                ["features"] = n,
                ["repaired"] = prepared.Repairs.Count,
                ["sourceFile"] = request.SourceFile,
                ["checksumSha256"] = request.ChecksumSha256,
                ["sourceSrid"] = sourceSrid,
                ["note"] = request.Note,
            }), ct);
        ct.ThrowIfCancellationRequested();
        // once committing has begun it finishes: a half-observed commit would leave the caller guessing
        await tx.CommitAsync(CancellationToken.None);
        progress?.Report(new ImportProgress(ImportStage.Commit, 1, 1));
        return (versionId, version);
    }

    /// <summary>ob.layer_version.repair_report: per repaired feature what was wrong (coordinates in the source CRS) and the area change.</summary>
    private static JsonObject RepairReport(IEnumerable<Repair> repairs, int sourceSrid)
    {
        var array = new JsonArray();
        foreach (var r in repairs)
            array.Add(new JsonObject
            {
                ["featureNo"] = r.FeatureNo,
                ["sourceId"] = r.SourceId,
                ["problems"] = new JsonArray(r.Found.Select(p => (JsonNode)new JsonObject
                {
                    ["code"] = p.Code,
                    ["what"] = p.What,
                    ["x"] = p.Where?.X,
                    ["y"] = p.Where?.Y,
                }).ToArray()),
                ["areaBefore"] = Math.Round(r.AreaBefore, 3),
                ["areaAfter"] = Math.Round(r.AreaAfter, 3),
            });
        return new JsonObject { ["coordinatesSrid"] = sourceSrid, ["areaUnit"] = "m2 (working SRID)", ["features"] = array };
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Float(double? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double };
}
