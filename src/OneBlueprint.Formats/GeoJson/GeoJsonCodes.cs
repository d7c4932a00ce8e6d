namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Problem codes the GeoJSON reader raises (<see cref="Geo.Problems.InputProblem.Code"/>). Each names one
/// rule of RFC 7946 (or of OneBlueprint) so callers and tests can match on the code, not on the wording.
/// </summary>
public static class GeoJsonCodes
{
    // Errors: the input cannot be used as it is.
    public const string Empty = "geojson.empty";
    public const string NotUtf8 = "geojson.not-utf8";
    public const string InvalidJson = "geojson.invalid-json";
    public const string RootNotObject = "geojson.root-not-object";
    public const string MissingType = "geojson.missing-type";
    public const string TypeNotString = "geojson.type-not-string";
    public const string UnknownType = "geojson.unknown-type";
    public const string DuplicateMember = "geojson.duplicate-member";
    public const string MissingMember = "geojson.missing-member";
    public const string FeaturesNotArray = "geojson.features-not-array";
    public const string FeatureNotObject = "geojson.feature-not-object";
    public const string FeatureWrongType = "geojson.feature-wrong-type";
    public const string PropertiesNotObject = "geojson.properties-not-object";
    public const string IdInvalid = "geojson.id-invalid";
    public const string GeometryNotObject = "geojson.geometry-not-object";
    public const string GeometryWrongType = "geojson.geometry-wrong-type";
    public const string CoordinatesNotArray = "geojson.coordinates-not-array";
    public const string NestingTooShallow = "geojson.nesting-too-shallow";
    public const string PositionNotNumber = "geojson.position-not-number";
    public const string PositionTooShort = "geojson.position-too-short";
    public const string LineTooShort = "geojson.line-too-short";
    public const string RingTooShort = "geojson.ring-too-short";
    public const string RingNotClosed = "geojson.ring-not-closed";
    public const string BboxInvalid = "geojson.bbox-invalid";
    public const string CrsUnsupported = "geojson.crs-unsupported";
    public const string CoordinateOutOfRange = "geojson.coordinate-out-of-range";
    public const string GeometryInvalid = "geojson.geometry-invalid";
    public const string Unreadable = "geojson.unreadable";
    public const string TooManyErrors = "geojson.too-many-errors";

    // Warnings: the input was read, but something in it deserves a look.
    public const string PositionTooLong = "geojson.position-too-long";
    public const string RightHandRule = "geojson.right-hand-rule";
    public const string DuplicateProperty = "geojson.duplicate-property";
    public const string MemberNotAllowed = "geojson.member-not-allowed";
    public const string MissingProperties = "geojson.missing-properties";
    public const string SingleGeometryCollection = "geojson.single-geometry-collection";
    public const string NestedGeometryCollection = "geojson.nested-geometry-collection";
    public const string ExcessivePrecision = "geojson.excessive-precision";
    public const string CrsIgnored = "geojson.crs-ignored";
}
