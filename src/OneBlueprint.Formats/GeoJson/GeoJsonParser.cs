using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over a GeoJSON text, building features as it goes.
/// <para>
/// Strategy: what a member means depends on the object's "type", which may come after it. Objects whose
/// "type" came first (what GDAL, DataV and nearly every tool write) are read in a single pass; members met
/// before the type are skipped and their offset remembered, then read from a second reader over that slice
/// once the type is known. The top-level object always defers its members, so the "crs" member is known
/// before any coordinate is read, wherever it sits.
/// </para>
/// <para>
/// Every problem is collected with its line, column and JSON path; nothing is repaired (ring winding is
/// only reported). Errors end in one <see cref="InputException"/>; warnings go into the result.
/// </para>
/// </summary>
internal ref partial struct GeoJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly ReadOnlySpan<byte> _data;
    private readonly GeoJsonReadOptions _options;
    private readonly GeoJsonProblems _problems;
    private readonly JsonPath _path = new();
    private LineIndex? _lines;

    /// <summary>Offset in <see cref="_data"/> of the slice the current reader reads (0 for the main reader).</summary>
    private int _base;

    private GeometryFactory _factory = null!;
    private bool _checkRange;
    private int _precisionLimit;
    private int? _srid;
    private string? _name;

    /// <summary>Positions of the line or ring being read; reused, since position lists never nest.</summary>
    private readonly List<Coordinate> _scratch = new();
    private bool _scratchHasZ;

    /// <summary>A nesting error was reported for the current geometry: one is enough to explain its shape.</summary>
    private bool _nestingReported;
    private GeoJsonType _geometryType;

    private GeoJsonParser(ReadOnlySpan<byte> data, string sourceName, GeoJsonReadOptions options)
    {
        _data = data;
        _options = options;
        _problems = new GeoJsonProblems(sourceName, Math.Max(1, options.MaxErrors));
    }

    /// <summary>What the parser knows about the object it is reading.</summary>
    private enum Role { Root, FeatureInCollection, GeometryMember, GeometryInCollection }

    private enum Member { Other, Type, Coordinates, Geometries, Geometry, Features, Properties, Id, Bbox, Crs, Name }

    /// <summary>One GeoJSON object as read: its type and what its members produced.</summary>
    private sealed class ParsedObject
    {
        public GeoJsonType Type;
        public Geometry? Geometry;
        public GeoFeature? Feature;
        public List<GeoFeature>? Features;
        public bool Failed;
    }

    public static FeatureSet Parse(ReadOnlySpan<byte> data, string sourceName, GeoJsonReadOptions options)
    {
        if (data.StartsWith("\uFEFF"u8)) data = data[3..]; // a UTF-8 BOM: RFC 7946 forbids it, everyone writes it
        var parser = new GeoJsonParser(data, sourceName, options);
        return parser.Run();
    }

    private FeatureSet Run()
    {
        ParsedObject? root = null;
        if (_data.Trim(" \t\r\n"u8).IsEmpty)
        {
            _problems.Error(GeoJsonCodes.Empty, "the input is empty", new SourceLocation(_problems.SourceName),
                "Send a GeoJSON geometry, Feature or FeatureCollection.");
        }
        else if (FirstInvalidUtf8(_data) is { } bad)
        {
            _problems.Error(GeoJsonCodes.NotUtf8,
                $"the text is not UTF-8 (byte 0x{_data[bad]:X2} at byte offset {bad}, column {Lines.Locate(_data, bad).Column})",
                At(bad),
                "GeoJSON must be UTF-8 (RFC 7946 §11). A file saved as GBK/GB18030 can be converted with " +
                "`iconv -f GB18030 -t UTF-8 in.geojson > out.geojson`, or re-exported as UTF-8.");
        }
        else
        {
            try
            {
                var reader = new Utf8JsonReader(_data, ReaderOptions);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                    _problems.Error(GeoJsonCodes.RootNotObject,
                        $"the top level is {Describe(reader.TokenType)}, not a JSON object", At(0),
                        "Send one GeoJSON object: {\"type\": \"FeatureCollection\", \"features\": [...]}, a Feature or a geometry.");
                else
                    root = ReadObject(ref reader, Role.Root, record: 1);
                reader.Skip();
                if (reader.Read()) // throws for a second top-level value; anything else is impossible here
                    throw new JsonException("more than one top-level value");
            }
            catch (JsonException e)
            {
                ReportInvalidJson(e);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
            {
                // Should not happen: every token is checked before use. Still never let it escape raw.
                _problems.Error(GeoJsonCodes.Unreadable, $"the GeoJSON could not be read: {e.Message}",
                    new SourceLocation(_problems.SourceName), "Check the file with `ogrinfo`; if it reads there, report this as a OneBlueprint bug.");
            }
        }

        _problems.ThrowIfErrors();
        var set = new FeatureSet { Srid = _srid, Name = _name };
        if (root?.Type == GeoJsonType.FeatureCollection && root.Features is not null) set.Features.AddRange(root.Features);
        else if (root?.Type == GeoJsonType.Feature && root.Feature is not null) set.Features.Add(root.Feature);
        else if (root?.Geometry is not null)
            set.Features.Add(new GeoFeature(root.Geometry) { Source = new SourceLocation(_problems.SourceName, 1, 1) });
        set.Warnings.AddRange(_problems.Warnings());
        return set;
    }

    /// <summary>Reads the object at the reader (StartObject) up to its EndObject.</summary>
    private ParsedObject ReadObject(ref Utf8JsonReader r, Role role, int record)
    {
        var start = Abs(ref r);
        var result = new ParsedObject();
        string? typeName = null;
        var typeSeen = false;
        var seenMask = 0;
        List<(Member Member, string Name, int Offset)>? deferred = null;
        string? id = null;
        int invalidIdOffset = -1;
        JsonTokenType invalidIdToken = default;
        int? declaredSrid = null;

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var member = Classify(ref r);
            var nameOffset = Abs(ref r);
            if (member is not (Member.Other or Member.Name))
            {
                var bit = 1 << (int)member;
                if ((seenMask & bit) != 0)
                    Error(GeoJsonCodes.DuplicateMember,
                        $"the member \"{MemberName(member)}\" appears twice in one object, so its meaning is ambiguous (the last one is used)",
                        nameOffset, "Keep only one of them.");
                seenMask |= bit;
            }
            r.Read();
            switch (member)
            {
                case Member.Type:
                    typeSeen = true;
                    if (r.TokenType == JsonTokenType.String)
                    {
                        typeName = r.GetString();
                        result.Type = GeoJsonTypes.Parse(typeName);
                    }
                    else
                    {
                        typeName = null;
                        result.Type = GeoJsonType.Unknown;
                        Error(GeoJsonCodes.TypeNotString, $"the \"type\" member is {Describe(r.TokenType)}, but it must be a string",
                            Abs(ref r), "Write the type as a string, e.g. \"type\": \"Feature\".");
                        r.Skip();
                    }
                    break;
                case Member.Id:
                    if (r.TokenType == JsonTokenType.String) id = r.GetString();
                    else if (r.TokenType == JsonTokenType.Number) id = System.Text.Encoding.UTF8.GetString(r.ValueSpan);
                    else if (r.TokenType != JsonTokenType.Null) { invalidIdOffset = Abs(ref r); invalidIdToken = r.TokenType; r.Skip(); }
                    break;
                case Member.Bbox:
                    CheckBbox(ref r);
                    break;
                case Member.Crs when role == Role.Root:
                    declaredSrid = ReadCrs(ref r);
                    break;
                case Member.Name when role == Role.Root:
                    if (r.TokenType == JsonTokenType.String) _name = r.GetString();
                    else r.Skip();
                    break;
                case Member.Coordinates or Member.Geometries or Member.Geometry or Member.Features or Member.Properties:
                    if (role != Role.Root && typeSeen && result.Type != GeoJsonType.Unknown)
                        ReadMember(ref r, result, member, record);
                    else
                    {
                        (deferred ??= new()).Add((member, MemberName(member), Abs(ref r)));
                        r.Skip();
                    }
                    break;
                default:
                    r.Skip(); // foreign member: allowed by RFC 7946 §6.1, ignored
                    break;
            }
        }

        if (!CheckType(role, result, typeSeen, typeName, start))
        {
            result.Failed = true;
            // An element of "features" is still read as a Feature, so one run reports the errors inside it too.
            if (role != Role.FeatureInCollection) return result;
            if (!result.Type.IsGeometry()) result.Type = GeoJsonType.Feature;
        }

        if (role == Role.Root) UseSrid(declaredSrid);

        if (deferred is not null)
            foreach (var (member, _, offset) in deferred)
            {
                var saved = _base;
                _base = offset;
                var sub = new Utf8JsonReader(_data[offset..], ReaderOptions);
                sub.Read();
                ReadMember(ref sub, result, member, record);
                _base = saved;
            }

        if (result.Type == GeoJsonType.Feature && invalidIdOffset >= 0)
            Error(GeoJsonCodes.IdInvalid, $"the Feature \"id\" is {Describe(invalidIdToken)}; it must be a string or a number",
                invalidIdOffset, "Write the id as a string or a number, or drop it.");

        CheckRequiredMembers(result, seenMask, start);

        if (result.Type == GeoJsonType.Feature && !result.Failed)
        {
            var feature = result.Feature ??= new GeoFeature(EmptyGeometry());
            feature.Geometry = result.Geometry ?? EmptyGeometry();
            feature.Id = id;
            feature.Source = new SourceLocation(_problems.SourceName, Lines.LineOf(start), record);
        }
        return result;
    }

    /// <summary>Checks the type against where the object sits; false when its members cannot be read.</summary>
    private bool CheckType(Role role, ParsedObject result, bool typeSeen, string? typeName, int start)
    {
        if (!typeSeen)
        {
            Error(GeoJsonCodes.MissingType, "the object has no \"type\" member", start,
                role == Role.FeatureInCollection
                    ? "Every element of \"features\" must be {\"type\": \"Feature\", \"properties\": {...}, \"geometry\": {...}}."
                    : "Add \"type\": one of FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection.");
            return false;
        }
        if (typeName is null) return false; // not a string: reported already

        var type = result.Type;
        var caseHint = type == GeoJsonType.Unknown && GeoJsonTypes.CaseInsensitiveMatch(typeName) is { } meant
            ? $" Types are case sensitive: write \"{meant}\"." : "";
        switch (role)
        {
            case Role.FeatureInCollection when type != GeoJsonType.Feature:
                Error(GeoJsonCodes.FeatureWrongType, $"an element of \"features\" has type \"{typeName}\"; every one must be a Feature", start,
                    type.IsGeometry()
                        ? "Wrap the geometry in a Feature: {\"type\": \"Feature\", \"properties\": {}, \"geometry\": ...}."
                        : $"Set \"type\": \"Feature\".{caseHint}");
                return false;
            case Role.GeometryMember or Role.GeometryInCollection when !type.IsGeometry():
                Error(GeoJsonCodes.GeometryWrongType,
                    $"a geometry has type \"{typeName}\", which is not a geometry type", start,
                    $"Use one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection.{caseHint}");
                return false;
            case Role.Root when type == GeoJsonType.Unknown:
                Error(GeoJsonCodes.UnknownType, $"the type \"{typeName}\" is not a GeoJSON type", start,
                    caseHint.Length > 0 ? caseHint.Trim()
                        : "Use FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection.");
                return false;
        }
        return true;
    }

    private void CheckRequiredMembers(ParsedObject result, int seenMask, int start)
    {
        bool Has(Member m) => (seenMask & (1 << (int)m)) != 0;
        switch (result.Type)
        {
            case GeoJsonType.FeatureCollection when !Has(Member.Features):
                Error(GeoJsonCodes.MissingMember, "the FeatureCollection has no \"features\" member", start,
                    "Add \"features\": [...] (an empty array for no features).");
                break;
            case GeoJsonType.Feature:
                if (!Has(Member.Geometry))
                    Error(GeoJsonCodes.MissingMember, "the Feature has no \"geometry\" member", start,
                        "Add \"geometry\": {...}, or \"geometry\": null for a feature without a geometry.");
                if (!Has(Member.Properties))
                    Warning(GeoJsonCodes.MissingProperties, "the Feature has no \"properties\" member (RFC 7946 §3.2 requires one)", start,
                        "Add \"properties\": {} or \"properties\": null; the feature was read without attributes.");
                break;
            case GeoJsonType.GeometryCollection when !Has(Member.Geometries):
                Error(GeoJsonCodes.MissingMember, "the GeometryCollection has no \"geometries\" member", start,
                    "Add \"geometries\": [...].");
                break;
            case not (GeoJsonType.FeatureCollection or GeoJsonType.Feature or GeoJsonType.GeometryCollection or GeoJsonType.Unknown)
                when !Has(Member.Coordinates):
                Error(GeoJsonCodes.MissingMember, $"the {result.Type} has no \"coordinates\" member", start,
                    $"Add \"coordinates\": {result.Type.CoordinatesShape()}.");
                break;
        }
    }

    /// <summary>Reads a structural member of an object whose type is known (the reader is on the value).</summary>
    private void ReadMember(ref Utf8JsonReader r, ParsedObject result, Member member, int record)
    {
        var type = result.Type;
        var allowed = member switch
        {
            Member.Features => type == GeoJsonType.FeatureCollection,
            Member.Geometry or Member.Properties => type == GeoJsonType.Feature,
            Member.Geometries => type == GeoJsonType.GeometryCollection,
            Member.Coordinates => type.IsGeometry() && type != GeoJsonType.GeometryCollection,
            _ => false,
        };
        if (!allowed)
        {
            Warning(GeoJsonCodes.MemberNotAllowed,
                $"a {(type.IsGeometry() ? "geometry" : type.ToString())} object must not contain a \"{MemberName(member)}\" member (RFC 7946 §7.1); it was ignored",
                Abs(ref r), "Remove the member, or move your own data under \"properties\".");
            r.Skip();
            return;
        }

        _path.PushName(MemberName(member));
        switch (member)
        {
            case Member.Features: ReadFeatures(ref r, result); break;
            case Member.Geometry: ReadGeometryMember(ref r, result); break;
            case Member.Properties: ReadProperties(ref r, result.Feature ??= new GeoFeature(EmptyGeometry())); break;
            case Member.Geometries: ReadGeometries(ref r, result); break;
            case Member.Coordinates: result.Geometry = ReadCoordinates(ref r, type); break;
        }
        _path.Pop();
    }

    private void ReadFeatures(ref Utf8JsonReader r, ParsedObject collection)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(GeoJsonCodes.FeaturesNotArray, $"\"features\" is {Describe(r.TokenType)}; it must be an array of Features",
                Abs(ref r), "Write \"features\": [ {\"type\": \"Feature\", ...}, ... ].");
            r.Skip();
            return;
        }
        var features = collection.Features = new List<GeoFeature>();
        _path.PushIndex(0);
        for (var i = 0; r.Read() && r.TokenType != JsonTokenType.EndArray; i++)
        {
            _path.SetIndex(i);
            if (r.TokenType == JsonTokenType.StartObject)
            {
                var parsed = ReadObject(ref r, Role.FeatureInCollection, record: i + 1);
                if (parsed is { Failed: false, Feature: { } feature }) features.Add(feature);
            }
            else
            {
                Error(GeoJsonCodes.FeatureNotObject, $"an element of \"features\" is {Describe(r.TokenType)}; every feature must be an object",
                    Abs(ref r), "Make each element a Feature object, or remove it.");
                r.Skip();
            }
        }
        _path.Pop();
    }

    private void ReadGeometryMember(ref Utf8JsonReader r, ParsedObject feature)
    {
        if (r.TokenType == JsonTokenType.Null) return;
        if (r.TokenType == JsonTokenType.StartObject)
        {
            var parsed = ReadObject(ref r, Role.GeometryMember, record: 0);
            if (!parsed.Failed) feature.Geometry = parsed.Geometry;
            return;
        }
        Error(GeoJsonCodes.GeometryNotObject, $"the \"geometry\" member is {Describe(r.TokenType)}; it must be a geometry object or null",
            Abs(ref r), "Write \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [...]} or \"geometry\": null.");
        r.Skip();
    }

    private void ReadGeometries(ref Utf8JsonReader r, ParsedObject collection)
    {
        var start = Abs(ref r);
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(GeoJsonCodes.GeometryNotObject, $"\"geometries\" is {Describe(r.TokenType)}; it must be an array of geometry objects",
                start, "Write \"geometries\": [ {\"type\": \"Point\", ...}, ... ].");
            r.Skip();
            return;
        }
        var parts = new List<Geometry>();
        var ok = true;
        var count = 0;
        _path.PushIndex(0);
        for (; r.Read() && r.TokenType != JsonTokenType.EndArray; count++)
        {
            _path.SetIndex(count);
            if (r.TokenType == JsonTokenType.StartObject)
            {
                var partStart = Abs(ref r);
                var parsed = ReadObject(ref r, Role.GeometryInCollection, record: 0);
                if (parsed.Failed || parsed.Geometry is null) { ok = false; continue; }
                if (parsed.Type == GeoJsonType.GeometryCollection)
                    Warning(GeoJsonCodes.NestedGeometryCollection, "a GeometryCollection contains another GeometryCollection (RFC 7946 §3.1.8 advises against it)",
                        partStart, "Flatten the collection; most tools handle nested collections poorly.");
                parts.Add(parsed.Geometry);
            }
            else
            {
                ok = false;
                Error(GeoJsonCodes.GeometryNotObject, $"an element of \"geometries\" is {Describe(r.TokenType)}; each must be a geometry object",
                    Abs(ref r), "Make each element a geometry object, or remove it.");
                r.Skip();
            }
        }
        _path.Pop();
        if (count == 1)
            Warning(GeoJsonCodes.SingleGeometryCollection, "a GeometryCollection holds a single geometry (RFC 7946 §3.1.8 advises a plain or Multi* geometry instead)",
                start, "Use the geometry itself, or a MultiPoint/MultiLineString/MultiPolygon.");
        var factory = _factory;
        if (ok) collection.Geometry = Build(start, () => factory.CreateGeometryCollection(parts.ToArray()));
    }

    private void UseSrid(int? declared)
    {
        _srid = _options.ForceSrid ?? declared ?? _options.DefaultSrid;
        _factory = GeometryKit.Factory(_srid.Value);
        var geographic = GeoJsonCrs.IsGeographic(_srid);
        _checkRange = _options.CheckCoordinateRange && geographic;
        _precisionLimit = !_options.WarnExcessivePrecision ? 0 : geographic ? 9 : 4;
    }

    private Geometry EmptyGeometry() => _factory.CreateGeometryCollection();

    private static Member Classify(ref Utf8JsonReader r)
    {
        if (r.ValueTextEquals("type"u8)) return Member.Type;
        if (r.ValueTextEquals("coordinates"u8)) return Member.Coordinates;
        if (r.ValueTextEquals("properties"u8)) return Member.Properties;
        if (r.ValueTextEquals("geometry"u8)) return Member.Geometry;
        if (r.ValueTextEquals("id"u8)) return Member.Id;
        if (r.ValueTextEquals("features"u8)) return Member.Features;
        if (r.ValueTextEquals("geometries"u8)) return Member.Geometries;
        if (r.ValueTextEquals("bbox"u8)) return Member.Bbox;
        if (r.ValueTextEquals("crs"u8)) return Member.Crs;
        if (r.ValueTextEquals("name"u8)) return Member.Name;
        return Member.Other;
    }

    private static string MemberName(Member member) => member switch
    {
        Member.Type => "type",
        Member.Coordinates => "coordinates",
        Member.Properties => "properties",
        Member.Geometry => "geometry",
        Member.Id => "id",
        Member.Features => "features",
        Member.Geometries => "geometries",
        Member.Bbox => "bbox",
        Member.Crs => "crs",
        Member.Name => "name",
        _ => "?",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "missing",
    };

    /// <summary>Builds a geometry, turning NetTopologySuite's argument checks into an input problem.</summary>
    private Geometry? Build(int offset, Func<Geometry> build)
    {
        try { return build(); }
        catch (ArgumentException e)
        {
            Error(GeoJsonCodes.GeometryInvalid, $"the geometry cannot be built: {e.Message}", offset, "Check the coordinates of this geometry.");
            return null;
        }
    }
}
