using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.GeoPackage.GeoPackageSchema;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// Reads feature tables of an open GeoPackage (read-only, unpooled connection). A table's SRID is the EPSG
/// code its srs_id stands for (organization_coordsys_id when the organization is EPSG; the undefined
/// systems -1/0 and other organizations give null, the latter with a warning). The fid (the INTEGER PRIMARY
/// KEY) becomes <see cref="GeoFeature.Id"/> and the record number in messages; a NULL geometry becomes an
/// empty geometry of the column's type. Attribute values follow the declared column type; a value that does
/// not fit its type is kept as stored, with one warning per column; BLOB columns are left out with a warning.
/// </summary>
internal sealed class GeoPackageReader : IDisposable
{
    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly List<InputProblem> _fileWarnings = new();

    private GeoPackageReader(string path, SqliteConnection connection)
    {
        _path = path;
        _connection = connection;
    }

    public static GeoPackageReader Open(string path)
    {
        if (!File.Exists(path))
            throw Fail(GeoPackageCodes.FileMissing, $"GeoPackage file '{path}' does not exist", path, "Check the path and the file name (.gpkg).");
        if (!HasSqliteHeader(path))
            throw Fail(GeoPackageCodes.NotSqlite, $"'{Path.GetFileName(path)}' is not an SQLite database, so it cannot be a GeoPackage", path,
                "Export the layer as GeoPackage (.gpkg) from your GIS, e.g. ogr2ogr -f GPKG out.gpkg input; a renamed shapefile or zip will not do.");

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        var reader = new GeoPackageReader(path, connection);
        try
        {
            connection.Open();
            if (!reader.HasTable("gpkg_contents"))
                throw Fail(GeoPackageCodes.NotGeoPackage, $"'{Path.GetFileName(path)}' is an SQLite database but not a GeoPackage: it has no gpkg_contents table", path,
                    "Export the data as GeoPackage from your GIS (ogr2ogr -f GPKG out.gpkg input); a SpatiaLite or other SQLite file is not read.");
            var applicationId = Convert.ToInt32(reader.Scalar("PRAGMA application_id"), CultureInfo.InvariantCulture);
            if (!KnownApplicationIds.Contains(applicationId))
                reader._fileWarnings.Add(InputProblem.Warning(GeoPackageCodes.UnknownApplicationId,
                    $"the file's application_id is 0x{applicationId:X8}, not 'GPKG'; read as a GeoPackage anyway", new SourceLocation(path),
                    "Nothing to do if the data look right; re-export it with a current GIS to get a standard file."));
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Feature tables in the order gpkg_contents lists them (insertion order).</summary>
    public IReadOnlyList<FeatureTableInfo> FeatureTables()
    {
        if (!HasTable("gpkg_geometry_columns")) return [];
        using var command = Command("""
            SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id, c.description
            FROM gpkg_contents c JOIN gpkg_geometry_columns g ON lower(g.table_name) = lower(c.table_name)
            WHERE lower(c.data_type) = 'features'
            ORDER BY c.rowid
            """);
        using var rows = command.ExecuteReader();
        var tables = new List<FeatureTableInfo>();
        while (rows.Read())
            tables.Add(new FeatureTableInfo(rows.GetString(0), rows.GetString(1), rows.GetString(2),
                rows.IsDBNull(3) ? UndefinedCartesianSrsId : rows.GetInt32(3), rows.IsDBNull(4) ? null : rows.GetString(4)));
        return tables;
    }

    public FeatureSet Read(FeatureTableInfo table)
    {
        var set = new FeatureSet { Name = table.Table };
        set.Warnings.AddRange(_fileWarnings);
        set.Srid = ResolveSrid(table, set.Warnings);
        set.Metadata[LayerPlan.GeometryColumnKey] = table.GeometryColumn;
        set.Metadata[GeoPackageFormat.GeometryTypeKey] = table.GeometryTypeName;
        if (!string.IsNullOrEmpty(table.Description)) set.Metadata[GeoPackageFormat.DescriptionKey] = table.Description;

        var columns = TableColumns(table.Table);
        if (columns.Count == 0)
            throw Fail(GeoPackageCodes.TableMissing, $"gpkg_contents lists feature table '{table.Table}' but the file has no such table", _path,
                "Repair the file in QGIS/ogr2ogr or remove the table from gpkg_contents.");
        var geometryIndex = columns.FindIndex(c => c.Name.Equals(table.GeometryColumn, StringComparison.OrdinalIgnoreCase));
        if (geometryIndex < 0)
            throw Fail(GeoPackageCodes.TableMissing, $"table '{table.Table}' has no geometry column '{table.GeometryColumn}' although gpkg_geometry_columns names it", _path,
                "Repair the file in QGIS/ogr2ogr (gpkg_geometry_columns must name a real column).");
        var pks = columns.Where(c => c.PrimaryKey).ToList();
        var fidColumn = pks.Count == 1 && ColumnTypes.FromDeclared(pks[0].Type) == ColumnType.Integer ? pks[0].Name : null;

        var attributes = new List<(string Name, ColumnType Type)>();
        foreach (var column in columns)
        {
            if (column.Name == fidColumn || column.Name == columns[geometryIndex].Name) continue;
            var type = ColumnTypes.FromDeclared(column.Type);
            if (type == ColumnType.Blob)
                set.Warnings.Add(InputProblem.Warning(GeoPackageCodes.ColumnSkipped, $"column '{column.Name}' of table '{table.Table}' is a BLOB and was not read",
                    new SourceLocation(_path), "Nothing to do unless you need it; binary attributes have no place in OneBlueprint features."));
            else
                attributes.Add((column.Name, type));
        }

        var selected = new List<string> { columns[geometryIndex].Name };
        selected.AddRange(attributes.Select(a => a.Name));
        if (fidColumn is not null) selected.Add(fidColumn);
        using var command = Command($"SELECT {string.Join(", ", selected.Select(Quote))} FROM {Quote(table.Table)}");
        using var rows = command.ExecuteReader();

        var factory = GeometryKit.Factory(set.Srid ?? 0);
        var blobs = new GeoPackageBinaryReader();
        var complained = new HashSet<string>(StringComparer.Ordinal);
        while (rows.Read())
        {
            long? fid = fidColumn is null || rows.IsDBNull(selected.Count - 1) ? null : rows.GetInt64(selected.Count - 1);
            var where = new SourceLocation(_path, Record: fid is >= int.MinValue and <= int.MaxValue ? (int)fid.Value : null);
            var feature = new GeoFeature(ReadGeometry(rows, table, fid, factory, blobs, set.Srid ?? 0))
            {
                Id = fid?.ToString(CultureInfo.InvariantCulture),
                Source = where,
            };
            for (var a = 0; a < attributes.Count; a++)
            {
                var (name, type) = attributes[a];
                if (rows.IsDBNull(1 + a))
                {
                    feature.Attributes[name] = null;
                    continue;
                }
                var stored = rows.GetValue(1 + a);
                var value = AttributeValues.FromDb(stored, type);
                if (value is null && complained.Add(name))
                    set.Warnings.Add(InputProblem.Warning(GeoPackageCodes.BadValue,
                        $"column '{name}' is declared {type.SqlName()} but fid {fid} holds {Describe(stored)}; such values are kept as stored",
                        where, "Fix the values or the column type in your GIS if the column should be typed."));
                feature.Attributes[name] = value ?? (stored is byte[] ? null : stored);
            }
            set.Features.Add(feature);
        }
        return set;
    }

    private Geometry ReadGeometry(SqliteDataReader rows, FeatureTableInfo table, long? fid, GeometryFactory factory, GeoPackageBinaryReader blobs, int srid)
    {
        if (rows.IsDBNull(0)) return EmptyOf(table.GeometryTypeName, factory);
        var stored = rows.GetValue(0);
        if (stored is not byte[] blob)
            throw BadGeometry(table, fid, $"the geometry column holds {(stored is string ? "text" : "a number")} ({Describe(stored)}), not a GeoPackageBinary blob", 0);
        try
        {
            return blobs.Read(blob, srid);
        }
        catch (GeometryBlobException e)
        {
            throw BadGeometry(table, fid, e.Message, e.ByteOffset);
        }
    }

    private InputException BadGeometry(FeatureTableInfo table, long? fid, string reason, int offset) =>
        Fail(GeoPackageCodes.BadGeometry,
            $"the geometry of feature fid {fid?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} in table '{table.Table}' is not valid GeoPackageBinary at byte offset {offset}: {reason}",
            _path, "Re-export the layer with QGIS or ogr2ogr -f GPKG, or delete or redraw this feature.",
            fid is >= int.MinValue and <= int.MaxValue ? (int)fid.Value : null);

    private static Geometry EmptyOf(string typeName, GeometryFactory factory) => typeName.ToUpperInvariant() switch
    {
        "POINT" => factory.CreatePoint(),
        "LINESTRING" => factory.CreateLineString(),
        "POLYGON" => factory.CreatePolygon(),
        "MULTIPOINT" => factory.CreateMultiPoint(),
        "MULTILINESTRING" => factory.CreateMultiLineString(),
        "MULTIPOLYGON" => factory.CreateMultiPolygon(),
        _ => factory.CreateGeometryCollection(),
    };

    private int? ResolveSrid(FeatureTableInfo table, List<InputProblem> warnings)
    {
        if (table.SrsId is -1 or 0) return null;
        using var command = Command("SELECT srs_name, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = $id");
        command.Parameters.AddWithValue("$id", table.SrsId);
        using var row = command.ExecuteReader();
        if (!row.Read())
        {
            warnings.Add(InputProblem.Warning(GeoPackageCodes.UnknownSrs,
                $"table '{table.Table}' uses srs_id {table.SrsId}, which gpkg_spatial_ref_sys does not define; its coordinate system is unknown",
                new SourceLocation(_path), "Say which EPSG code the data are in when importing, or fix the file's CRS in QGIS."));
            return null;
        }
        var name = row.IsDBNull(0) ? "" : row.GetString(0);
        var organization = row.IsDBNull(1) ? "" : row.GetString(1);
        if (organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && !row.IsDBNull(2)) return row.GetInt32(2);
        warnings.Add(InputProblem.Warning(GeoPackageCodes.UnknownSrs,
            $"table '{table.Table}' is in '{name}' (organization '{organization}', srs_id {table.SrsId}), not an EPSG system; its coordinate system is taken as unknown",
            new SourceLocation(_path), "Say which EPSG code the data are in when importing, or reproject the layer to an EPSG system (e.g. EPSG:4490 or the city's CGCS2000 zone) in your GIS."));
        return null;
    }

    private sealed record TableColumn(string Name, string Type, bool PrimaryKey);

    private List<TableColumn> TableColumns(string table)
    {
        using var command = Command("SELECT name, type, pk FROM pragma_table_info($table)");
        command.Parameters.AddWithValue("$table", table);
        using var rows = command.ExecuteReader();
        var columns = new List<TableColumn>();
        while (rows.Read())
            columns.Add(new TableColumn(rows.GetString(0), rows.IsDBNull(1) ? "" : rows.GetString(1), !rows.IsDBNull(2) && rows.GetInt64(2) > 0));
        return columns;
    }

    private bool HasTable(string name)
    {
        using var command = Command("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower($name)");
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is not null;
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static string Describe(object stored) => stored switch
    {
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        byte[] b => $"a {b.Length}-byte blob",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => stored.ToString() ?? "",
    };

    /// <summary>SQLite files start with the 16 bytes "SQLite format 3\0".</summary>
    private static bool HasSqliteHeader(string path)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual("SQLite format 3\0"u8);
    }

    internal static InputException Fail(string code, string what, string path, string howToFix, int? record = null) =>
        new(InputProblem.Error(code, what, new SourceLocation(path, Record: record), howToFix));

    public void Dispose() => _connection.Dispose();
}
