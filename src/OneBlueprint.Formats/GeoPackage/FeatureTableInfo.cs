namespace OneBlueprint.Formats.GeoPackage;

/// <summary>A feature table as gpkg_contents and gpkg_geometry_columns declare it.</summary>
public sealed record FeatureTableInfo(string Table, string GeometryColumn, string GeometryTypeName, int SrsId, string? Description);
