namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>Problem codes the red-line TXT reader and writer raise (<see cref="Geo.Problems.InputProblem.Code"/>).</summary>
public static class RedLineTxtCodes
{
    // Warnings: the file was read, but something in it deserves a look.
    public const string PointCount = "txt.point-count";
    public const string DeclaredArea = "txt.declared-area";
    public const string HeaderWithoutTerminator = "txt.header-missing-at";
    public const string ShortHeader = "txt.header-short";
    public const string DuplicateParcelNumber = "txt.duplicate-parcel-number";
    public const string UnknownShapeType = "txt.unknown-shape-type";
    public const string RingNumbering = "txt.ring-numbering";
    public const string ExtraPointFields = "txt.extra-point-fields";
    public const string IgnoredLine = "txt.ignored-line";
    public const string UnknownSection = "txt.unknown-section";
    public const string CrsUndeclared = "txt.crs-undeclared";
    public const string ZoneMissing = "txt.zone-missing";
    public const string Projection = "txt.projection";
    public const string Unit = "txt.unit";

    // Errors: the file cannot be used as it is.
    public const string Empty = "txt.empty";
    public const string MissingParcelSection = "txt.missing-parcel-section";
    public const string NoParcels = "txt.no-parcels";
    public const string BadNumber = "txt.bad-number";
    public const string PointBeforeHeader = "txt.point-before-header";
    public const string HeaderTooShort = "txt.header-too-short";
    public const string UnrecognisedLine = "txt.unrecognised-line";
    public const string RingTooSmall = "txt.ring-too-small";
    public const string RingNotContiguous = "txt.ring-not-contiguous";
    public const string EmptyParcel = "txt.empty-parcel";
    public const string SixDegreeZone = "txt.six-degree-zone";
    public const string ZoneWidth = "txt.zone-width";
    public const string BadZone = "txt.bad-zone";
    public const string ZoneConflict = "txt.zone-conflict";
    public const string MixedPrefix = "txt.mixed-zone-prefix";
    public const string ImplausibleEasting = "txt.implausible-easting";
    public const string TooManyErrors = "txt.too-many-errors";

    // Writer.
    public const string NotGaussKruger = "txt.write-not-gauss-kruger";
    public const string UnsupportedGeometry = "txt.write-unsupported-geometry";
}
