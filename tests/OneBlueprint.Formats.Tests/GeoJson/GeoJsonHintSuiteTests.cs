using System.Text.Json;
using System.Text.RegularExpressions;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>
/// mapbox/geojsonhint's test files as the reference for what is wrong with a GeoJSON: every bad file must
/// be rejected or warned about, for the same reasons geojsonhint gives (its .result files), and every good
/// file must read.
/// </summary>
public class GeoJsonHintSuiteTests
{
    /// <summary>
    /// geojsonhint's message fragments and the code we raise for the same problem. A message with no entry
    /// here fails the test, so a new geojsonhint file cannot slip through unmapped.
    /// </summary>
    private static readonly (string Fragment, string Code)[] MessageToCode =
    [
        ("duplicate members", GeoJsonCodes.DuplicateMember),
        ("cannot contain a", GeoJsonCodes.MemberNotAllowed),
        ("\"properties\" member required", GeoJsonCodes.MissingProperties),
        ("\"geometry\" member required", GeoJsonCodes.MissingMember),
        ("\"features\" member required", GeoJsonCodes.MissingMember),
        ("\"coordinates\" member required", GeoJsonCodes.MissingMember),
        ("\"type\" member required", GeoJsonCodes.MissingType),
        ("this needs to be nested more deeply", GeoJsonCodes.NestingTooShallow),
        ("position should be an array, is a number", GeoJsonCodes.NestingTooShallow),
        ("Parse error", GeoJsonCodes.InvalidJson),
        ("\"type\" member should be string", GeoJsonCodes.TypeNotString),
        ("should follow the right-hand rule", GeoJsonCodes.RightHandRule),
        ("\"properties\" member should be object", GeoJsonCodes.PropertiesNotObject),
        ("each element in a position must be a number", GeoJsonCodes.PositionNotNumber),
        ("Every feature must be an object", GeoJsonCodes.FeatureNotObject),
        ("\"id\" member must have a string or number value", GeoJsonCodes.IdInvalid),
        ("bbox", GeoJsonCodes.BboxInvalid),
        ("first and last positions in a LinearRing", GeoJsonCodes.RingNotClosed),
        ("must contain only geometry objects", GeoJsonCodes.GeometryNotObject),
        ("GeometryCollection with a single geometry", GeoJsonCodes.SingleGeometryCollection),
        ("avoid nested geometry collections", GeoJsonCodes.NestedGeometryCollection),
        ("\"features\" member should be an array", GeoJsonCodes.FeaturesNotArray),
        ("(case sensitive)", GeoJsonCodes.UnknownType),
        ("must have a type=feature member", GeoJsonCodes.FeatureWrongType),
        ("\"coordinates\" member should be an array", GeoJsonCodes.CoordinatesNotArray),
        ("root of a GeoJSON object must be an object", GeoJsonCodes.RootNotObject),
        ("two or more coordinates", GeoJsonCodes.LineTooShort),
        ("four or more positions", GeoJsonCodes.RingTooShort),
        ("2 or more elements", GeoJsonCodes.PositionTooShort),
        ("more than 3 elements", GeoJsonCodes.PositionTooLong),
        ("is unknown", GeoJsonCodes.UnknownType),
    ];

    public static TheoryData<string> BadFiles() => new(Directory.GetFiles(GeoJsonTestData.HintBad, "*.geojson").Select(Path.GetFileName).Order()!);

    public static TheoryData<string> GoodFiles() => new(Directory.GetFiles(GeoJsonTestData.HintGood, "*.geojson").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Suite_IsThere()
    {
        Assert.True(BadFiles().Count >= 40, $"expected the 44 bad geojsonhint files in {GeoJsonTestData.HintBad}");
        Assert.True(GoodFiles().Count >= 15, $"expected the 18 good geojsonhint files in {GeoJsonTestData.HintGood}");
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFile_IsRejectedOrWarned(string file)
    {
        var problems = Problems(Path.Combine(GeoJsonTestData.HintBad, file));
        Assert.NotEmpty(problems);
        Assert.All(problems, p =>
        {
            Assert.Equal(file, p.Where?.File);
            if (p.Code != GeoJsonCodes.TooManyErrors) Assert.NotNull(p.Where!.Line);
            Assert.False(string.IsNullOrWhiteSpace(p.HowToFix));
        });
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFile_NamesTheProblemsGeojsonhintNames(string file)
    {
        var path = Path.Combine(GeoJsonTestData.HintBad, file);
        var codes = Problems(path).Select(p => p.Code).ToHashSet();
        foreach (var message in ExpectedMessages(Path.ChangeExtension(path, ".result")))
        {
            var mapped = MessageToCode.Where(m => message.Contains(m.Fragment, StringComparison.Ordinal)).Select(m => m.Code).Distinct().ToList();
            Assert.True(mapped.Count > 0, $"geojsonhint message not mapped to a code: {message}");
            Assert.True(mapped.Any(codes.Contains),
                $"{file}: geojsonhint says \"{message}\" ({string.Join(" or ", mapped)}), we said: {string.Join(", ", codes)}");
        }
    }

    /// <summary>geojsonhint only reports excessive precision on request (its .result is empty); we always warn.</summary>
    [Fact]
    public void ExcessivePrecisionFile_Warns()
    {
        var set = GeoJsonReader.Read(File.ReadAllBytes(Path.Combine(GeoJsonTestData.HintBad, "excessive_precision_truncated.geojson")), "x");
        Assert.Contains(set.Warnings, w => w.Code == GeoJsonCodes.ExcessivePrecision);
    }

    /// <summary>
    /// Good files read without errors. geojsonhint checks structure only, not whether numbers can be degrees,
    /// so the range check is off here (issue82 has longitudes of −259, see the next test). The only warning
    /// allowed is excessive precision, and only where a coordinate really has more than 9 decimals.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void GoodFile_ReadsWithoutErrors(string file)
    {
        var path = Path.Combine(GeoJsonTestData.HintGood, file);
        var set = GeoJsonReader.Read(File.ReadAllBytes(path), file, new GeoJsonReadOptions { CheckCoordinateRange = false });
        Assert.NotEmpty(set.Features);
        var longDecimals = Regex.IsMatch(File.ReadAllText(path), @"\d\.\d{10,}");
        foreach (var warning in set.Warnings)
            Assert.True(warning.Code == GeoJsonCodes.ExcessivePrecision && longDecimals, $"{file}: unexpected warning {warning}");
    }

    [Fact]
    public void GoodFileWithImpossibleDegrees_IsRejectedAsLongitudeLatitude()
    {
        var error = Assert.Throws<InputException>(() =>
            GeoJsonReader.Read(File.ReadAllBytes(Path.Combine(GeoJsonTestData.HintGood, "issue82.geojson")), "issue82.geojson"));
        Assert.Equal(GeoJsonCodes.CoordinateOutOfRange, Assert.Single(error.Problems, p => p.Severity == ProblemSeverity.Error).Code);
    }

    /// <summary>Errors (from the exception) and warnings of reading a file; anything but InputException fails.</summary>
    internal static List<InputProblem> Problems(string path)
    {
        try
        {
            return GeoJsonReader.Read(File.ReadAllBytes(path), Path.GetFileName(path)).Warnings;
        }
        catch (InputException e)
        {
            Assert.Equal(400, e.StatusCode);
            Assert.Contains(e.Problems, p => p.Severity == ProblemSeverity.Error);
            return e.Problems.ToList();
        }
    }

    private static IEnumerable<string> ExpectedMessages(string resultFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(resultFile));
        return document.RootElement.EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
    }
}
