namespace OneBlueprint.Formats.GeoPackage;

/// <summary>Problem codes the GeoPackage reader reports (<see cref="Geo.Problems.InputProblem.Code"/>).</summary>
public static class GeoPackageCodes
{
    public const string FileMissing = "gpkg.file-missing";
    public const string NotSqlite = "gpkg.not-sqlite";
    public const string NotGeoPackage = "gpkg.not-geopackage";
    public const string NoFeatureTable = "gpkg.no-feature-table";
    public const string TableMissing = "gpkg.table-missing";
    public const string BadGeometry = "gpkg.bad-geometry";
    public const string Unreadable = "gpkg.unreadable";

    // Warnings: reading went on.
    public const string UnknownApplicationId = "gpkg.application-id";
    public const string UnknownSrs = "gpkg.unknown-srs";
    public const string ColumnSkipped = "gpkg.column-skipped";
    public const string BadValue = "gpkg.bad-value";
}
