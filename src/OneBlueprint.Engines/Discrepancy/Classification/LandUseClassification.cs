using System.Collections.Concurrent;
using System.Text.Json;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Engines.Discrepancy.Classification;

/// <summary>
/// How one plan's land-use values become classes, as data: a table of codes/names → class, prefixes as a fallback
/// (the longest matching prefix wins), and the classes with their construction flag (建设用地 or not). Values are
/// matched trimmed and case-insensitively; exact codes and names first, then prefixes. A value nothing matches is
/// <see cref="UnclassifiedName"/> (construction unknown) and is reported by the engine with its count.
/// <para>
/// Defaults (embedded JSON, same shape as a deployment's own file): <see cref="LandUsePlan"/> for 土地利用总体规划
/// 规划地类 (TDGHDL: 1xx 农用地 and 3xx 其他土地 → 非建设用地, 2xx → 建设用地) and <see cref="UrbanPlan"/> for
/// 城市总体规划 codes of GB 50137-2011 (R A B M W S U G H → 建设用地, E → 非建设用地). <see cref="AsIs"/> compares the
/// raw values: the class is the value itself, and patches appear wherever the values differ.
/// </para>
/// <para>Immutable and safe to use from many threads.</para>
/// </summary>
public sealed class LandUseClassification
{
    /// <summary>The class of values no entry or prefix matches.</summary>
    public const string UnclassifiedName = "未分类";

    /// <summary>The class of a missing (null or blank) value in as-is mode.</summary>
    public const string EmptyValueName = "(空)";

    private const string ResourcePrefix = "OneBlueprint.Engines.Discrepancy.Classification.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<LandUseClassification> LandUsePlanDefault = new(() => Embedded("land-use-plan.json"));
    private static readonly Lazy<LandUseClassification> UrbanPlanDefault = new(() => Embedded("urban-plan.json"));

    private readonly Dictionary<string, LandUseClass> _exact;
    private readonly (string Prefix, LandUseClass Class)[] _prefixes; // longest first
    private readonly ConcurrentDictionary<string, LandUseClass> _asIs = new(StringComparer.Ordinal);
    private readonly LandUseClass _unclassified = new(UnclassifiedName, null);

    private LandUseClassification(string name, string? source, bool asIs, IReadOnlyList<LandUseClass> classes,
        IReadOnlyList<ClassificationEntry> entries, IReadOnlyList<ClassificationPrefix> prefixes)
    {
        Name = name;
        Source = source;
        IsAsIs = asIs;
        Classes = classes;
        Entries = entries;
        Prefixes = prefixes;
        var byName = classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _exact = new Dictionary<string, LandUseClass>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            if (e.Code is { } code) _exact[code.Trim()] = byName[e.Class];
            if (e.Name is { } n) _exact.TryAdd(n.Trim(), byName[e.Class]);
        }
        _prefixes = prefixes.OrderByDescending(p => p.Prefix.Trim().Length).ThenBy(p => p.Prefix, StringComparer.Ordinal)
            .Select(p => (p.Prefix.Trim(), byName[p.Class])).ToArray();
    }

    /// <summary>What the table is (shown in results).</summary>
    public string Name { get; }

    /// <summary>Where the table comes from (the standard it follows), for people.</summary>
    public string? Source { get; }

    /// <summary>Raw values are compared as they are: the class is the value.</summary>
    public bool IsAsIs { get; }

    public IReadOnlyList<LandUseClass> Classes { get; }

    public IReadOnlyList<ClassificationEntry> Entries { get; }

    public IReadOnlyList<ClassificationPrefix> Prefixes { get; }

    /// <summary>土地利用总体规划 规划地类 (TDGHDL) → 建设用地 / 非建设用地 (embedded land-use-plan.json).</summary>
    public static LandUseClassification LandUsePlan => LandUsePlanDefault.Value;

    /// <summary>城市总体规划 用地 (GB 50137-2011) → 建设用地 / 非建设用地 (embedded urban-plan.json).</summary>
    public static LandUseClassification UrbanPlan => UrbanPlanDefault.Value;

    /// <summary>Compare values as they are: class = the value (trimmed; numbers in invariant form), no construction flag.</summary>
    public static LandUseClassification AsIs { get; } = new("as-is (the attribute's own values)", null, true, [], [], []);

    /// <summary>The class of a value; never null (see <see cref="UnclassifiedName"/>, <see cref="EmptyValueName"/>).</summary>
    public LandUseClass Classify(object? value) => ClassifyText(ValueText.Of(value));

    /// <summary>Whether <paramref name="value"/> falls through to <see cref="UnclassifiedName"/>.</summary>
    public bool IsUnclassified(LandUseClass landUseClass) => ReferenceEquals(landUseClass, _unclassified);

    internal LandUseClass ClassifyText(string? text)
    {
        if (IsAsIs)
            return text is null ? _asIs.GetOrAdd(EmptyValueName, n => new LandUseClass(n, null)) : _asIs.GetOrAdd(text, t => new LandUseClass(t, null));
        if (text is null) return _unclassified;
        if (_exact.TryGetValue(text, out var exact)) return exact;
        foreach (var (prefix, landUseClass) in _prefixes)
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return landUseClass;
        return _unclassified;
    }

    /// <summary>Reads a classification file (the shape of the embedded defaults); bad content throws <see cref="InputException"/>.</summary>
    public static LandUseClassification Load(string path) => Parse(ReadFile(path), path);

    /// <summary>
    /// Reads a file holding either one classification (used for both plans) or <c>{"a": {…}, "b": {…}}</c>, one per plan.
    /// </summary>
    public static (LandUseClassification A, LandUseClassification B) LoadPair(string path)
    {
        var text = ReadFile(path);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Problem(path, $"is not valid JSON ({e.Message})");
        }
        if (root.ValueKind == JsonValueKind.Object && Member(root, "a") is { } a && Member(root, "b") is { } b)
            return (Parse(a.GetRawText(), path + " (a)"), Parse(b.GetRawText(), path + " (b)"));
        var single = Parse(text, path);
        return (single, single);
    }

    /// <summary>Parses a classification document; <paramref name="origin"/> names it in messages.</summary>
    public static LandUseClassification Parse(string json, string origin = "classification")
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException e)
        {
            throw Problem(origin, $"is not a classification document ({e.Message})");
        }
        if (document is null) throw Problem(origin, "is empty (null)");

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Name)) problems.Add("'name' is missing");
        var classes = new List<LandUseClass>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (c, i) in (document.Classes ?? []).Select((c, i) => (c, i)))
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Name)) problems.Add($"classes[{i}] has no name");
            else if (!names.Add(c.Name.Trim())) problems.Add($"class '{c.Name}' is listed twice");
            else classes.Add(new LandUseClass(c.Name.Trim(), c.Construction));
        }
        if (classes.Count == 0) problems.Add("'classes' is empty: list the classes, e.g. {\"name\": \"建设用地\", \"construction\": true}");

        var entries = new List<ClassificationEntry>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (e, i) in (document.Values ?? []).Select((e, i) => (e, i)))
        {
            if (e is null || (string.IsNullOrWhiteSpace(e.Code) && string.IsNullOrWhiteSpace(e.Name)))
            {
                problems.Add($"values[{i}] has neither 'code' nor 'name'");
                continue;
            }
            if (string.IsNullOrWhiteSpace(e.Class) || !names.Contains(e.Class.Trim()))
            {
                problems.Add($"values[{i}] ({e.Code ?? e.Name}) names class '{e.Class}', which is not in 'classes'");
                continue;
            }
            var cls = e.Class.Trim();
            if (!string.IsNullOrWhiteSpace(e.Code) && seen.TryGetValue(e.Code.Trim(), out var before) && before != cls)
                problems.Add($"code '{e.Code}' is given twice with different classes ('{before}', '{cls}')");
            if (!string.IsNullOrWhiteSpace(e.Code)) seen[e.Code.Trim()] = cls;
            entries.Add(new ClassificationEntry(Blank(e.Code), Blank(e.Name), cls, Blank(e.Note)));
        }
        var prefixes = new List<ClassificationPrefix>();
        foreach (var (p, i) in (document.Prefixes ?? []).Select((p, i) => (p, i)))
        {
            if (p is null || string.IsNullOrWhiteSpace(p.Prefix)) problems.Add($"prefixes[{i}] has no 'prefix'");
            else if (string.IsNullOrWhiteSpace(p.Class) || !names.Contains(p.Class.Trim()))
                problems.Add($"prefixes[{i}] ('{p.Prefix}') names class '{p.Class}', which is not in 'classes'");
            else prefixes.Add(new ClassificationPrefix(p.Prefix.Trim(), p.Class.Trim(), Blank(p.Note)));
        }
        if (entries.Count == 0 && prefixes.Count == 0) problems.Add("neither 'values' nor 'prefixes' maps any code to a class");
        if (problems.Count > 0) throw Problem(origin, string.Join("; ", problems));
        return new LandUseClassification(document.Name!.Trim(), Blank(document.Source), false, classes, entries, prefixes);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static JsonElement? Member(JsonElement o, string name)
    {
        foreach (var p in o.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object) return p.Value;
        return null;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(InputProblem.Error("classification.unreadable", $"the classification file cannot be read ({e.Message})",
                new SourceLocation(path), "Check the path, or leave the option out to use the built-in 土规/城规 tables."));
        }
    }

    private static InputException Problem(string origin, string what) =>
        new(InputProblem.Error("classification.invalid", $"the classification {what}", new SourceLocation(origin),
            "Write it like the built-in tables: {\"name\": …, \"classes\": [{\"name\": \"建设用地\", \"construction\": true}, …], " +
            "\"values\": [{\"code\": \"211\", \"name\": \"城镇用地\", \"class\": \"建设用地\"}, …], \"prefixes\": [{\"prefix\": \"2\", \"class\": \"建设用地\"}]}."), 422);

    private static LandUseClassification Embedded(string file)
    {
        using var stream = typeof(LandUseClassification).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"embedded resource {file} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), file + " (embedded)");
    }

    private sealed class Document
    {
        public string? Name { get; set; }
        public string? Source { get; set; }
        public List<ClassDto?>? Classes { get; set; }
        public List<EntryDto?>? Values { get; set; }
        public List<PrefixDto?>? Prefixes { get; set; }
    }

    private sealed class ClassDto
    {
        public string? Name { get; set; }
        public bool? Construction { get; set; }
    }

    private sealed class EntryDto
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Class { get; set; }
        public string? Note { get; set; }
    }

    private sealed class PrefixDto
    {
        public string? Prefix { get; set; }
        public string? Class { get; set; }
        public string? Note { get; set; }
    }
}
