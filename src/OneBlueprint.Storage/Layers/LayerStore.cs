using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Layers;

/// <summary>
/// Reads the layer catalogue, its versions and their features. Writing a version is
/// <see cref="Import.LayerImporter"/>'s job; versions never change once written. Features come back
/// with their attributes in the source's order and geometries in the working SRID, and their
/// <c>Source</c> names the version's source file and the feature's number in it (1-based).
/// </summary>
public sealed class LayerStore
{
    private readonly ObDatabase _db;

    public LayerStore(ObDatabase db) => _db = db;

    /// <summary>The SRID stored geometries (and bbox arguments) are in.</summary>
    public int WorkingSrid => _db.WorkingSrid;

    private const string CatalogColumns = """
        c.code, c.name_zh, c.name_en, c.group_name, c.geometry_type, c.is_public, c.sort_order, c.style::text, c.description,
        v.id, v.version, v.feature_count, ST_XMin(v.bbox), ST_YMin(v.bbox), ST_XMax(v.bbox), ST_YMax(v.bbox)
        FROM ob.layer_catalog c
        LEFT JOIN LATERAL (SELECT * FROM ob.layer_version lv WHERE lv.layer_code = c.code ORDER BY lv.version DESC LIMIT 1) v ON true
        """;

    private const string VersionColumns = """
        id, layer_code, version, effective_date, source_file, checksum_sha256, imported_by, note, source_srid,
        feature_count, repaired_count, repair_report::text, ST_XMin(bbox), ST_YMin(bbox), ST_XMax(bbox), ST_YMax(bbox), imported_at
        FROM ob.layer_version
        """;

    /// <summary>The whole catalogue in display order, each layer with its current version.</summary>
    public async Task<IReadOnlyList<LayerInfo>> ListLayersAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand($"SELECT {CatalogColumns} ORDER BY c.sort_order, c.code");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<LayerInfo>();
        while (await reader.ReadAsync(ct)) list.Add(ReadLayer(reader));
        return list;
    }

    /// <summary>One catalogue entry, or null for an unknown code.</summary>
    public async Task<LayerInfo?> GetLayerAsync(string code, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand($"SELECT {CatalogColumns} WHERE c.code = $1");
        cmd.Parameters.Add(new() { Value = code });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadLayer(reader) : null;
    }

    /// <summary>All versions of a layer, newest first (empty for an unknown code or a layer never imported).</summary>
    public async Task<IReadOnlyList<LayerVersionInfo>> ListVersionsAsync(string code, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand($"SELECT {VersionColumns} WHERE layer_code = $1 ORDER BY version DESC");
        cmd.Parameters.Add(new() { Value = code });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<LayerVersionInfo>();
        while (await reader.ReadAsync(ct)) list.Add(ReadVersion(reader));
        return list;
    }

    /// <summary>A version by number, or the current (highest) one when <paramref name="version"/> is null; null when absent.</summary>
    public async Task<LayerVersionInfo?> GetVersionAsync(string code, int? version = null, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand(version is null
            ? $"SELECT {VersionColumns} WHERE layer_code = $1 ORDER BY version DESC LIMIT 1"
            : $"SELECT {VersionColumns} WHERE layer_code = $1 AND version = $2");
        cmd.Parameters.Add(new() { Value = code });
        if (version is int v) cmd.Parameters.Add(new() { Value = v });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadVersion(reader) : null;
    }

    /// <summary>A version by its id (as results and audit rows record it), or null.</summary>
    public async Task<LayerVersionInfo?> GetVersionByIdAsync(long versionId, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand($"SELECT {VersionColumns} WHERE id = $1");
        cmd.Parameters.Add(new() { Value = versionId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadVersion(reader) : null;
    }

    /// <summary>
    /// One page of a version's features in feature order, optionally only those whose geometry intersects
    /// <paramref name="bbox"/> (working SRID; the OGC API Features meaning of bbox — exact, not just the
    /// index's float-rounded boxes). Unknown version → <see cref="InputException"/> (404).
    /// </summary>
    public Task<IReadOnlyList<GeoFeature>> QueryFeaturesAsync(long versionId, Envelope? bbox, int limit, int offset,
        CancellationToken ct = default) =>
        QueryFeaturesAsync(versionId, bbox, limit, offset, FeatureIdentity.Stored, ct);

    /// <summary><see cref="QueryFeaturesAsync(long, Envelope?, int, int, CancellationToken)"/> with the choice of id.</summary>
    public async Task<IReadOnlyList<GeoFeature>> QueryFeaturesAsync(long versionId, Envelope? bbox, int limit, int offset,
        FeatureIdentity identity, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var (kinds, sourceFile, srid) = await VersionContextAsync(versionId, ct);
        await using var cmd = _db.DataSource.CreateCommand(
            "SELECT id, feature_no, source_id, attributes, ST_AsEWKB(geom) FROM ob.layer_feature WHERE version_id = $1" +
            (bbox is null ? "" : " AND ST_Intersects(geom, ST_MakeEnvelope($4, $5, $6, $7, $8))") +
            " ORDER BY feature_no LIMIT $2 OFFSET $3");
        cmd.Parameters.Add(new() { Value = versionId });
        cmd.Parameters.Add(new() { Value = (long)limit });
        cmd.Parameters.Add(new() { Value = (long)offset });
        if (bbox is not null) AddEnvelope(cmd, bbox, srid);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GeoFeature>();
        while (await reader.ReadAsync(ct)) list.Add(ReadFeature(reader, kinds, sourceFile, identity, withAttributes: true));
        return list;
    }

    /// <summary>How many features a version has (intersecting <paramref name="bbox"/> when given).</summary>
    public async Task<long> CountFeaturesAsync(long versionId, Envelope? bbox = null, CancellationToken ct = default)
    {
        var (_, _, srid) = await VersionContextAsync(versionId, ct);
        await using var cmd = _db.DataSource.CreateCommand(
            "SELECT count(*) FROM ob.layer_feature WHERE version_id = $1" +
            (bbox is null ? "" : " AND ST_Intersects(geom, ST_MakeEnvelope($2, $3, $4, $5, $6))"));
        cmd.Parameters.Add(new() { Value = versionId });
        if (bbox is not null) AddEnvelope(cmd, bbox, srid);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Streams every feature of a version in feature order over the binary protocol, one row at a time
    /// (memory stays flat however large the version). Skip attributes when only geometries are needed
    /// (spatial indexes): that halves the work.
    /// </summary>
    public IAsyncEnumerable<GeoFeature> ReadAllFeaturesAsync(long versionId, CancellationToken ct = default) =>
        ReadAllFeaturesAsync(versionId, withAttributes: true, FeatureIdentity.Stored, ct);

    /// <summary><see cref="ReadAllFeaturesAsync(long, CancellationToken)"/>, optionally without attributes or with source ids.</summary>
    public async IAsyncEnumerable<GeoFeature> ReadAllFeaturesAsync(long versionId, bool withAttributes,
        FeatureIdentity identity = FeatureIdentity.Stored, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (kinds, sourceFile, _) = await VersionContextAsync(versionId, ct);
        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT id, feature_no, source_id, " + (withAttributes ? "attributes" : "NULL::json") +
            ", ST_AsEWKB(geom) FROM ob.layer_feature WHERE version_id = $1 ORDER BY feature_no", conn);
        cmd.Parameters.Add(new() { Value = versionId });
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
            yield return ReadFeature(reader, kinds, sourceFile, identity, withAttributes);
    }

    private async Task<(Dictionary<string, AttributeKind> Kinds, string? SourceFile, int Srid)> VersionContextAsync(long versionId, CancellationToken ct)
    {
        var srid = await _db.GetWorkingSridAsync(ct);
        await using var cmd = _db.DataSource.CreateCommand("SELECT attribute_types::text, source_file FROM ob.layer_version WHERE id = $1");
        cmd.Parameters.Add(new() { Value = versionId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new InputException(InputProblem.Error("layer.version_not_found",
                $"layer version id {versionId} does not exist", null,
                "List the versions of the layer (GET /layers/{code}/versions or `oneblueprint layers versions CODE`) and use one of their ids."), 404);
        return (AttributeJson.DeserializeKinds(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), srid);
    }

    private static void AddEnvelope(NpgsqlCommand cmd, Envelope bbox, int srid)
    {
        cmd.Parameters.Add(new() { Value = bbox.MinX });
        cmd.Parameters.Add(new() { Value = bbox.MinY });
        cmd.Parameters.Add(new() { Value = bbox.MaxX });
        cmd.Parameters.Add(new() { Value = bbox.MaxY });
        cmd.Parameters.Add(new() { Value = srid });
    }

    private static GeoFeature ReadFeature(NpgsqlDataReader r, Dictionary<string, AttributeKind> kinds, string? sourceFile,
        FeatureIdentity identity, bool withAttributes)
    {
        // SequentialAccess: columns are read strictly left to right
        var id = r.GetInt64(0);
        var featureNo = r.GetInt32(1);
        var sourceId = r.IsDBNull(2) ? null : r.GetString(2);
        var attributes = withAttributes ? r.GetString(3) : null;
        var geometry = GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(4));
        var feature = new GeoFeature(geometry)
        {
            Id = identity == FeatureIdentity.Stored ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : sourceId,
            Source = new SourceLocation(sourceFile, Record: featureNo),
        };
        if (attributes is not null) AttributeJson.Deserialize(attributes, feature.Attributes, kinds);
        return feature;
    }

    private static LayerInfo ReadLayer(NpgsqlDataReader r) => new(
        Code: r.GetString(0),
        NameZh: r.GetString(1),
        NameEn: r.GetString(2),
        GroupName: r.GetString(3),
        GeometryType: r.GetString(4),
        IsPublic: r.GetBoolean(5),
        SortOrder: r.GetInt32(6),
        Style: JsonNode.Parse(r.GetString(7)) as JsonObject ?? new JsonObject(),
        Description: r.IsDBNull(8) ? null : r.GetString(8),
        CurrentVersionId: r.IsDBNull(9) ? null : r.GetInt64(9),
        CurrentVersion: r.IsDBNull(10) ? null : r.GetInt32(10),
        FeatureCount: r.IsDBNull(11) ? 0 : r.GetInt32(11),
        Bbox: ReadEnvelope(r, 12));

    private static LayerVersionInfo ReadVersion(NpgsqlDataReader r) => new(
        Id: r.GetInt64(0),
        LayerCode: r.GetString(1),
        Version: r.GetInt32(2),
        EffectiveDate: r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3),
        SourceFile: r.IsDBNull(4) ? null : r.GetString(4),
        ChecksumSha256: r.IsDBNull(5) ? null : r.GetString(5),
        ImportedBy: r.GetString(6),
        Note: r.IsDBNull(7) ? null : r.GetString(7),
        SourceSrid: r.IsDBNull(8) ? null : r.GetInt32(8),
        FeatureCount: r.GetInt32(9),
        RepairedCount: r.GetInt32(10),
        RepairReport: r.IsDBNull(11) ? null : JsonNode.Parse(r.GetString(11)),
        Bbox: ReadEnvelope(r, 12),
        ImportedAt: r.GetFieldValue<DateTimeOffset>(16));

    private static Envelope? ReadEnvelope(NpgsqlDataReader r, int first) =>
        r.IsDBNull(first) ? null : new Envelope(r.GetDouble(first), r.GetDouble(first + 2), r.GetDouble(first + 1), r.GetDouble(first + 3));
}
