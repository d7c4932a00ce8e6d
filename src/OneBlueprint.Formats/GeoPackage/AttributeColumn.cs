namespace OneBlueprint.Formats.GeoPackage;

/// <summary>One attribute column of a feature table: the attribute key it comes from and its SQL name and type.</summary>
internal sealed record AttributeColumn(string Key, string Name, ColumnType Type);
