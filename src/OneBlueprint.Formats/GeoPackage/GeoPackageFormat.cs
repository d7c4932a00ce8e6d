using Microsoft.Data.Sqlite;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// GeoPackage 1.4 (OGC 12-128r18) feature tables, read and written through Microsoft.Data.Sqlite.
/// <para>
/// One file can hold several layers, each a feature table named by <see cref="FeatureSet.Name"/>.
/// <see cref="Read(string)"/> takes the first feature table (gpkg_contents order, which is the order they
/// were written in), or the table named after a '|': <c>"plan.gpkg|CZKFBJ"</c> (a whole path that exists as
/// a file wins, so a '|' in a Unix file name still works; table names are matched ignoring case).
/// <see cref="ReadAll"/> reads every feature table, <see cref="ListTables"/> only names them.
/// </para>
/// <para>
/// Writing creates the file anew (an existing file is replaced only after the write succeeded) with a
/// table per set, its RTree spatial index, and the set's CRS in gpkg_spatial_ref_sys. <c>"out.gpkg|name"</c>
/// names the table of a single set; a set without a name takes the file's name. Attribute column types are
/// inferred from the values (see <see cref="AttributeValues"/>); column names are quoted, so Chinese names
/// are kept. Empty geometries are written as NULL and read back as empty geometries of the column type.
/// </para>
/// Errors are <see cref="Geo.Problems.InputException"/> (400) with codes from <see cref="GeoPackageCodes"/>.
/// </summary>
public sealed class GeoPackageFormat : IFeatureFormat
{
    /// <summary>Separates a file path from a table name: "file.gpkg|table".</summary>
    public const char TableSeparator = '|';

    /// <summary>Metadata key: gpkg_contents.description of the table (read and written).</summary>
    public const string DescriptionKey = "gpkg.description";

    /// <summary>Metadata key: name of the geometry column (read; reused when the set is written again).</summary>
    public const string GeometryColumnKey = LayerPlan.GeometryColumnKey;

    /// <summary>Metadata key: declared geometry type of the table (read only; writing infers it).</summary>
    public const string GeometryTypeKey = "gpkg.geometry_type";

    public string Name => "gpkg";

    public IReadOnlyList<string> Extensions { get; } = [".gpkg"];

    /// <summary>The first feature table, or the one named by "file.gpkg|table".</summary>
    public FeatureSet Read(string path)
    {
        var (file, table) = SplitTable(path);
        return Read(file, table);
    }

    /// <summary>The feature table called <paramref name="table"/> (ignoring case), or the first one when null.</summary>
    public FeatureSet Read(string path, string? table) => Guard(path, () =>
    {
        using var reader = GeoPackageReader.Open(path);
        var tables = RequireFeatureTables(reader, path);
        if (table is null) return reader.Read(tables[0]);
        var match = tables.FirstOrDefault(t => t.Table.Equals(table, StringComparison.OrdinalIgnoreCase))
            ?? throw GeoPackageReader.Fail(GeoPackageCodes.TableMissing,
                $"'{Path.GetFileName(path)}' has no feature table '{table}'", path,
                $"Use one of its feature tables: {string.Join(", ", tables.Select(t => t.Table))}.");
        return reader.Read(match);
    });

    /// <summary>Every feature table, in gpkg_contents order.</summary>
    public IReadOnlyList<FeatureSet> ReadAll(string path) => Guard(path, () =>
    {
        using var reader = GeoPackageReader.Open(path);
        return (IReadOnlyList<FeatureSet>)RequireFeatureTables(reader, path).Select(reader.Read).ToList();
    });

    /// <summary>The feature tables of a file (possibly none), without reading their features.</summary>
    public IReadOnlyList<FeatureTableInfo> ListTables(string path) => Guard(path, () =>
    {
        using var reader = GeoPackageReader.Open(path);
        return reader.FeatureTables();
    });

    /// <summary>Writes one set; "out.gpkg|name" names its table.</summary>
    public void Write(FeatureSet features, string path)
    {
        var (file, table) = SplitTable(path);
        GeoPackageWriter.Write([(features, table ?? TableName(features, file, 0, 1))], file);
    }

    /// <summary>Writes several sets as tables of one new file; their names must differ (ignoring case).</summary>
    public void Write(IEnumerable<FeatureSet> layers, string path)
    {
        var sets = layers.ToList();
        if (sets.Count == 0) throw new ArgumentException("a GeoPackage needs at least one layer to write", nameof(layers));
        var named = sets.Select((set, i) => (set, TableName(set, path, i, sets.Count))).ToList();
        var duplicate = named.GroupBy(n => n.Item2, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two layers would both be table '{duplicate.Key}'; give each FeatureSet a distinct Name", nameof(layers));
        GeoPackageWriter.Write(named, path);
    }

    /// <summary>Splits "file.gpkg|table"; a path that exists as a file, or has no '|', is all file.</summary>
    public static (string File, string? Table) SplitTable(string path)
    {
        var bar = path.LastIndexOf(TableSeparator);
        if (bar < 0 || File.Exists(path)) return (path, null);
        var table = path[(bar + 1)..].Trim();
        return (path[..bar], table.Length == 0 ? null : table);
    }

    private static string TableName(FeatureSet set, string path, int index, int count)
    {
        var name = string.IsNullOrWhiteSpace(set.Name)
            ? Path.GetFileNameWithoutExtension(path) + (count > 1 ? $"_{index + 1}" : "")
            : set.Name.Trim();
        foreach (var reserved in new[] { "gpkg_", "rtree_", "sqlite_" })
            if (name.StartsWith(reserved, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"table name '{name}' starts with '{reserved}', which GeoPackage/SQLite reserve; rename the layer", nameof(set));
        return name;
    }

    private static IReadOnlyList<FeatureTableInfo> RequireFeatureTables(GeoPackageReader reader, string path)
    {
        var tables = reader.FeatureTables();
        if (tables.Count == 0)
            throw GeoPackageReader.Fail(GeoPackageCodes.NoFeatureTable, $"'{Path.GetFileName(path)}' is a GeoPackage without feature tables (it may hold only tiles or attribute tables)", path,
                "Export a vector layer (points, lines or polygons) into the GeoPackage.");
        return tables;
    }

    /// <summary>Turns SQLite failures (damaged, truncated, encrypted, locked files) into input problems.</summary>
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            throw GeoPackageReader.Fail(GeoPackageCodes.NotSqlite, $"'{Path.GetFileName(path)}' is not a readable SQLite database ({e.Message})", path,
                "Export the layer as GeoPackage again; the file may be encrypted or damaged.");
        }
        catch (SqliteException e)
        {
            throw GeoPackageReader.Fail(GeoPackageCodes.Unreadable, $"'{Path.GetFileName(path)}' could not be read as a GeoPackage: {e.Message}", path,
                "Check that the file is complete (not truncated or still being copied) and opens in QGIS; if not, export it again.");
        }
        catch (IOException e)
        {
            throw GeoPackageReader.Fail(GeoPackageCodes.Unreadable, $"'{Path.GetFileName(path)}' could not be opened: {e.Message}", path,
                "Check that the file is not locked by another program and that it can be read.");
        }
    }
}
