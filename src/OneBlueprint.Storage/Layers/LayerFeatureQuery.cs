using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Layers;

/// <summary>
/// What to select from a feature collection: features whose geometry intersects <see cref="Bbox"/> (working SRID,
/// exact ST_Intersects) and whose properties equal the given values. A property is compared as text
/// (<c>DLBM=0101</c> keeps its leading zero), and numerically when the stored value is a JSON number
/// (<c>XZQDM=410184</c> matches 410184 and 410184.0).
/// </summary>
public sealed record FeatureFilter(Envelope? Bbox, IReadOnlyList<KeyValuePair<string, string>> PropertyEquals)
{
    public static FeatureFilter None { get; } = new(null, []);
}

/// <summary>One page of matching features (working SRID) and how many features match in all.</summary>
public sealed record FeaturePage(IReadOnlyList<GeoFeature> Features, long NumberMatched);

/// <summary>
/// Filtered, paged reads of the two feature tables the OGC API serves: one layer version's features
/// (ob.layer_feature; id = stored feature id) and the current red line of every project (ob.project_redline,
/// latest revision per project; id = parcel row id, properties = project fields then the parcel's attributes).
/// Every filter value and property name is a bound parameter; the SQL text only ever holds constants.
/// A version never changes, so its property names are cached per version id.
/// </summary>
public sealed class LayerFeatureQuery(ObDatabase db)
{
    private static readonly ConcurrentDictionary<long, IReadOnlySet<string>> VersionPropertyNames = new();

    /// <summary>Red-line properties taken from columns, in the order features show them.</summary>
    public static readonly IReadOnlyList<string> RedLineColumns = ["projectCode", "projectName", "category", "districtCode", "revision", "parcelNo"];

    private static readonly Source RedLines = new(
        From: """
            ob.project_redline r JOIN ob.project p ON p.code = r.project_code
            WHERE r.revision = (SELECT max(x.revision) FROM ob.project_redline x WHERE x.project_code = r.project_code)
            """,
        Id: "r.id", Attributes: "r.attributes", Kinds: "r.attribute_types::text", Geometry: "r.geom", Order: "r.project_code, r.parcel_no",
        Columns: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["projectCode"] = "r.project_code", ["projectName"] = "p.name", ["category"] = "p.category",
            ["districtCode"] = "p.district_code", ["revision"] = "r.revision::text", ["parcelNo"] = "r.parcel_no::text",
        },
        ColumnNames: RedLineColumns,
        ColumnValues: ["r.project_code", "p.name", "p.category", "p.district_code", "r.revision", "r.parcel_no"]);

    private static Source LayerVersion(long versionId) => new(
        From: "ob.layer_feature f WHERE f.version_id = " + versionId.ToString(CultureInfo.InvariantCulture), // a long, not text from a request
        Id: "f.id", Attributes: "f.attributes", Kinds: "NULL::text", Geometry: "f.geom", Order: "f.feature_no",
        Columns: new Dictionary<string, string>(), ColumnNames: [], ColumnValues: []);

    public Task<FeaturePage> LayerPageAsync(long versionId, FeatureFilter filter, int limit, int offset, CancellationToken ct = default) =>
        PageAsync(LayerVersion(versionId), filter, limit, offset, () => LayerKindsAsync(versionId, ct), ct);

    public Task<GeoFeature?> LayerFeatureAsync(long versionId, long featureId, CancellationToken ct = default) =>
        OneAsync(LayerVersion(versionId), featureId, () => LayerKindsAsync(versionId, ct), ct);

    /// <summary>Every attribute name used by a version's features (what property filters may name).</summary>
    public async Task<IReadOnlySet<string>> LayerPropertyNamesAsync(long versionId, CancellationToken ct = default)
    {
        if (VersionPropertyNames.TryGetValue(versionId, out var known)) return known;
        var names = await KeysAsync(LayerVersion(versionId), ct);
        VersionPropertyNames[versionId] = names;
        return names;
    }

    /// <summary>Patch properties taken from columns (the ledger's field names), in the order features show them.</summary>
    public static readonly IReadOnlyList<string> PatchColumns = ["DKBH", "CYLXDM", "ZT", "XTFS", "XZQDM", "XZQMC", "TBMJ", "TQMJ", "PPJG"];

    // The patches of one finished analysis job with their ledger status (id = patch row id).
    private static Source Patches(long jobId) => new(
        From: """
            ob.patch p JOIN ob.analysis_job j ON j.id = p.job_id
            LEFT JOIN ob.ledger_entry e ON e.series = j.series AND e.dkbh = p.dkbh
            WHERE p.job_id = 
            """ + jobId.ToString(CultureInfo.InvariantCulture), // a long, not text from a request
        Id: "p.id", Attributes: "p.attributes", Kinds: "NULL::text", Geometry: "p.geom", Order: "p.dkbh",
        Columns: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DKBH"] = "p.dkbh", ["CYLXDM"] = "p.kind", ["ZT"] = "coalesce(e.status, '待处理')", ["XTFS"] = "e.xtfs",
            ["XZQDM"] = "p.xzqdm", ["XZQMC"] = "p.xzqmc", ["PPJG"] = "p.match",
        },
        ColumnNames: PatchColumns,
        ColumnValues: ["p.dkbh", "p.kind", "coalesce(e.status, '待处理')", "e.xtfs", "p.xzqdm", "p.xzqmc", "p.area_m2", "p.ellipsoidal_area_m2", "p.match"]);

    public Task<FeaturePage> PatchPageAsync(long jobId, FeatureFilter filter, int limit, int offset, CancellationToken ct = default) =>
        PageAsync(Patches(jobId), filter, limit, offset, null, ct);

    public Task<GeoFeature?> PatchFeatureAsync(long jobId, long patchId, CancellationToken ct = default) => OneAsync(Patches(jobId), patchId, null, ct);

    /// <summary>The patch column properties and every attribute name of the job's patches.</summary>
    public async Task<IReadOnlySet<string>> PatchPropertyNamesAsync(long jobId, CancellationToken ct = default)
    {
        var names = new HashSet<string>(PatchColumns, StringComparer.Ordinal);
        names.UnionWith(await KeysAsync(Patches(jobId), ct));
        return names;
    }

    /// <summary>The newest done analysis job of a kind, its series, the extent and count of its patches; null when there is none.</summary>
    public async Task<(long JobId, string Series, Envelope? Extent, long Patches)?> LatestPatchesAsync(string kind, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT j.id, j.series, ST_XMin(s.e), ST_YMin(s.e), ST_XMax(s.e), ST_YMax(s.e), s.n
            FROM (SELECT id, series FROM ob.analysis_job WHERE kind = $1 AND state = 'done' ORDER BY id DESC LIMIT 1) j,
                 LATERAL (SELECT ST_Extent(geom)::geometry e, count(*) n FROM ob.patch WHERE job_id = j.id) s
            """);
        cmd.Parameters.Add(new() { Value = kind });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var extent = r.IsDBNull(2) ? null : new Envelope(r.GetDouble(2), r.GetDouble(4), r.GetDouble(3), r.GetDouble(5));
        return (r.GetInt64(0), r.GetString(1), extent, r.GetInt64(6));
    }

    public Task<FeaturePage> RedLinePageAsync(FeatureFilter filter, int limit, int offset, CancellationToken ct = default) =>
        PageAsync(RedLines, filter, limit, offset, null, ct);

    public Task<GeoFeature?> RedLineFeatureAsync(long parcelId, CancellationToken ct = default) => OneAsync(RedLines, parcelId, null, ct);

    /// <summary>The red-line column properties and every attribute name of the current red lines.</summary>
    public async Task<IReadOnlySet<string>> RedLinePropertyNamesAsync(CancellationToken ct = default)
    {
        var names = new HashSet<string>(RedLineColumns, StringComparer.Ordinal);
        names.UnionWith(await KeysAsync(RedLines, ct));
        return names;
    }

    /// <summary>The extent of the current red lines (working SRID), null when there are none.</summary>
    public async Task<Envelope?> RedLineExtentAsync(CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand(
            $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent({RedLines.Geometry})::geometry e FROM {RedLines.From}) s");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) && !r.IsDBNull(0) ? new Envelope(r.GetDouble(0), r.GetDouble(2), r.GetDouble(1), r.GetDouble(3)) : null;
    }

    private async Task<FeaturePage> PageAsync(Source source, FeatureFilter filter, int limit, int offset,
        Func<Task<Dictionary<string, AttributeKind>>>? sharedKinds, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var kinds = sharedKinds is null ? null : await sharedKinds();
        var srid = await db.GetWorkingSridAsync(ct);

        await using var count = db.DataSource.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {source.From}{Where(source, filter, srid, count.Parameters)}";
        var matched = (long)(await count.ExecuteScalarAsync(ct))!;

        await using var cmd = db.DataSource.CreateCommand();
        var where = Where(source, filter, srid, cmd.Parameters);
        cmd.Parameters.Add(new() { Value = (long)limit });
        cmd.Parameters.Add(new() { Value = (long)offset });
        cmd.CommandText = $"{Select(source)} FROM {source.From}{where} ORDER BY {source.Order} LIMIT ${cmd.Parameters.Count - 1} OFFSET ${cmd.Parameters.Count}";
        var features = await ReadAsync(cmd, source, kinds, ct);
        return new FeaturePage(features, matched);
    }

    private async Task<GeoFeature?> OneAsync(Source source, long id, Func<Task<Dictionary<string, AttributeKind>>>? sharedKinds, CancellationToken ct)
    {
        var kinds = sharedKinds is null ? null : await sharedKinds();
        await using var cmd = db.DataSource.CreateCommand($"{Select(source)} FROM {source.From} AND {source.Id} = $1");
        cmd.Parameters.Add(new() { Value = id });
        var list = await ReadAsync(cmd, source, kinds, ct);
        return list.Count > 0 ? list[0] : null;
    }

    private async Task<IReadOnlySet<string>> KeysAsync(Source source, CancellationToken ct)
    {
        await using var cmd = db.DataSource.CreateCommand($"SELECT DISTINCT json_object_keys({source.Attributes}) FROM {source.From}");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        return names;
    }

    private async Task<Dictionary<string, AttributeKind>> LayerKindsAsync(long versionId, CancellationToken ct)
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT attribute_types::text FROM ob.layer_version WHERE id = $1");
        cmd.Parameters.Add(new() { Value = versionId });
        return AttributeJson.DeserializeKinds(await cmd.ExecuteScalarAsync(ct) as string);
    }

    private static string Select(Source s)
    {
        var extra = s.ColumnValues.Count == 0 ? "" : ", " + string.Join(", ", s.ColumnValues);
        return $"SELECT {s.Id}, {s.Attributes}::text, {s.Kinds}, ST_AsEWKB({s.Geometry}){extra}";
    }

    private static async Task<List<GeoFeature>> ReadAsync(NpgsqlCommand cmd, Source source, Dictionary<string, AttributeKind>? kinds, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GeoFeature>();
        while (await r.ReadAsync(ct))
        {
            var feature = new GeoFeature(GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(3)))
            {
                Id = r.GetInt64(0).ToString(CultureInfo.InvariantCulture),
            };
            for (var i = 0; i < source.ColumnValues.Count; i++)
                feature.Attributes[source.ColumnNames[i]] = r.IsDBNull(4 + i) ? null : r.GetValue(4 + i) is int n ? (long)n : r.GetValue(4 + i);
            var rowKinds = kinds ?? AttributeJson.DeserializeKinds(r.IsDBNull(2) ? null : r.GetString(2));
            var attributes = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            AttributeJson.Deserialize(r.GetString(1), attributes, rowKinds);
            foreach (var (key, value) in attributes) feature.Attributes.TryAdd(key, value); // a column property wins over a same-named attribute
            list.Add(feature);
        }
        return list;
    }

    /// <summary>The WHERE continuation (sources already end in a WHERE clause) with its parameters appended.</summary>
    private static string Where(Source source, FeatureFilter filter, int srid, NpgsqlParameterCollection parameters)
    {
        var sql = new StringBuilder();
        string Param(object? value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }
        if (filter.Bbox is { } b)
            sql.Append($" AND ST_Intersects({source.Geometry}, ST_MakeEnvelope({Param(b.MinX, NpgsqlDbType.Double)}, {Param(b.MinY, NpgsqlDbType.Double)}, " +
                       $"{Param(b.MaxX, NpgsqlDbType.Double)}, {Param(b.MaxY, NpgsqlDbType.Double)}, {Param(srid, NpgsqlDbType.Integer)}))");
        foreach (var (name, value) in filter.PropertyEquals)
        {
            if (source.Columns.TryGetValue(name, out var column))
            {
                sql.Append($" AND ({column}) = {Param(value, NpgsqlDbType.Text)}");
                continue;
            }
            decimal? number = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            var key = Param(name, NpgsqlDbType.Text);
            // CASE, not AND: the numeric cast must only ever see JSON numbers
            sql.Append($" AND (CASE WHEN json_typeof({source.Attributes} -> {key}) = 'number' THEN ({source.Attributes} ->> {key})::numeric = {Param(number, NpgsqlDbType.Numeric)}" +
                       $" ELSE {source.Attributes} ->> {key} = {Param(value, NpgsqlDbType.Text)} END)");
        }
        return sql.ToString();
    }

    /// <summary>A feature table as SQL constants: <see cref="From"/> ends in a WHERE clause so filters append with AND.</summary>
    private sealed record Source(string From, string Id, string Attributes, string Kinds, string Geometry, string Order,
        IReadOnlyDictionary<string, string> Columns, IReadOnlyList<string> ColumnNames, IReadOnlyList<string> ColumnValues);
}
