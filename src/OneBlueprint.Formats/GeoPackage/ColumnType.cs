namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// The attribute column types OneBlueprint writes, one per kind of <see cref="Geo.Features.GeoFeature"/>
/// attribute value: TEXT ↔ string, INTEGER ↔ long, REAL ↔ double, BOOLEAN ↔ bool, DATE ↔ DateOnly,
/// DATETIME ↔ DateTime (UTC). <see cref="Blob"/> and <see cref="Other"/> only occur when reading.
/// </summary>
internal enum ColumnType
{
    Text,
    Integer,
    Real,
    Boolean,
    Date,
    DateTime,
    Blob,
    /// <summary>A declared type outside GeoPackage's list (or none): values are taken as SQLite stored them.</summary>
    Other,
}

internal static class ColumnTypes
{
    public static string SqlName(this ColumnType type) => type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.DateTime => "DATETIME",
        ColumnType.Blob => "BLOB",
        _ => "TEXT",
    };

    /// <summary>Maps a declared column type (GeoPackage Table 1, any case, TEXT(n)/BLOB(n) sizes allowed).</summary>
    public static ColumnType FromDeclared(string? declared)
    {
        var name = (declared ?? "").Trim();
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren].TrimEnd();
        return name.ToUpperInvariant() switch
        {
            "BOOLEAN" => ColumnType.Boolean,
            "TINYINT" or "SMALLINT" or "MEDIUMINT" or "INT" or "INTEGER" or "BIGINT" => ColumnType.Integer,
            "FLOAT" or "DOUBLE" or "REAL" => ColumnType.Real,
            "TEXT" or "VARCHAR" or "CHAR" => ColumnType.Text,
            "DATE" => ColumnType.Date,
            "DATETIME" => ColumnType.DateTime,
            "BLOB" => ColumnType.Blob,
            _ => ColumnType.Other,
        };
    }
}
