using System.Globalization;
using System.Text.Json;
using OneBlueprint.Engines.Compliance.Results;

namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>
/// The compliance rules of a deployment, as data: a JSON document (System.Text.Json, camelCase) with the tolerance,
/// the shared outcomes, one entry per layer code and a default for layers without one. <see cref="Default"/> is the
/// embedded <c>default-rules.json</c>; <see cref="Load"/> reads a deployment's own file of the same shape.
/// Texts may use the placeholders {minAreaM2} and {minMeanWidthM}, filled from the tolerance when loaded.
/// </summary>
public sealed record ComplianceRules
{
    private const string ResourceName = "OneBlueprint.Engines.Compliance.Rules.default-rules.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<ComplianceRules> DefaultRules = new(() =>
    {
        using var stream = typeof(ComplianceRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default-rules.json (embedded)");
    });

    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Description { get; init; }
    public ToleranceRules Tolerance { get; init; } = new();
    public required RuleOutcomes Outcomes { get; init; }
    public required LayerRules DefaultLayer { get; init; }
    public required IReadOnlyList<LayerRules> Layers { get; init; }

    /// <summary>The embedded defaults.</summary>
    public static ComplianceRules Default => DefaultRules.Value;

    /// <summary>Reads a rules file; <see cref="InvalidDataException"/> says what is wrong and where.</summary>
    public static ComplianceRules Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The file at <paramref name="path"/> when given, the defaults otherwise.</summary>
    public static ComplianceRules LoadOrDefault(string? path) => string.IsNullOrWhiteSpace(path) ? Default : Load(path);

    public static ComplianceRules Parse(string json, string sourceName = "rules")
    {
        ComplianceRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<ComplianceRules>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not a valid rules document ({e.Message}). Compare it with the embedded default-rules.json.", e);
        }
        if (rules is null) throw new InvalidDataException($"{sourceName}: the document is empty (null)");
        rules.Validate(sourceName);
        return rules.WithPlaceholdersFilled();
    }

    /// <summary>The rules of a layer code, or <see cref="DefaultLayer"/> (with the code and its name) when none is configured.</summary>
    public LayerRules ForLayer(string code) =>
        Layers.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal))
        ?? DefaultLayer with { Code = code };

    /// <summary>Position of a layer code in the configured order (unknown codes after all known ones).</summary>
    public int OrderOf(string code)
    {
        for (var i = 0; i < Layers.Count; i++)
            if (string.Equals(Layers[i].Code, code, StringComparison.Ordinal)) return i;
        return int.MaxValue;
    }

    private void Validate(string source)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("'name' is missing");
        if (Tolerance is null || Tolerance.MinAreaM2 < 0 || Tolerance.MinMeanWidthM < 0 || !double.IsFinite(Tolerance.MinAreaM2) || !double.IsFinite(Tolerance.MinMeanWidthM))
            problems.Add("'tolerance' needs minAreaM2 ≥ 0 and minMeanWidthM ≥ 0");
        if (Outcomes is null || Outcomes.NoOverlap is null || Outcomes.EdgeContact is null || Outcomes.Inside is null)
            problems.Add("'outcomes' needs noOverlap, edgeContact and inside");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void CheckRule(ComplianceRule? rule, string where)
        {
            if (rule is null)
            {
                problems.Add($"{where}: rule is null");
                return;
            }
            if (string.IsNullOrWhiteSpace(rule.Id)) problems.Add($"{where}: 'id' is missing");
            else if (!ids.Add(rule.Id)) problems.Add($"{where}: id '{rule.Id}' is used twice");
            if (string.IsNullOrWhiteSpace(rule.Zh) || string.IsNullOrWhiteSpace(rule.En)) problems.Add($"{where} ({rule.Id}): needs both 'zh' and 'en' texts");
            if (!Enum.IsDefined(rule.Verdict)) problems.Add($"{where} ({rule.Id}): verdict must be pass, warning or conflict");
        }
        if (Outcomes is not null)
        {
            CheckRule(Outcomes.NoOverlap, "outcomes.noOverlap");
            CheckRule(Outcomes.EdgeContact, "outcomes.edgeContact");
            CheckRule(Outcomes.Inside, "outcomes.inside");
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var layers = (Layers ?? []).Select((l, i) => (l, $"layers[{i}]"));
        if (DefaultLayer is null) problems.Add("'defaultLayer' is missing");
        else layers = layers.Append((DefaultLayer, "defaultLayer"));
        if (Layers is null) problems.Add("'layers' is missing");
        foreach (var (layer, where) in layers)
        {
            if (layer is null)
            {
                problems.Add($"{where}: layer is null");
                continue;
            }
            if (string.IsNullOrWhiteSpace(layer.Code)) problems.Add($"{where}: 'code' is missing");
            else if (where != "defaultLayer" && !codes.Add(layer.Code)) problems.Add($"{where}: layer code '{layer.Code}' appears twice");
            if (string.IsNullOrWhiteSpace(layer.NameZh) || string.IsNullOrWhiteSpace(layer.NameEn)) problems.Add($"{where} ({layer.Code}): needs nameZh and nameEn");
            if (!Enum.IsDefined(layer.Measure)) problems.Add($"{where} ({layer.Code}): measure must be overlap or outside");
            if (layer.Rules is not { Count: > 0 })
            {
                problems.Add($"{where} ({layer.Code}): needs at least one rule");
                continue;
            }
            for (var r = 0; r < layer.Rules.Count; r++) CheckRule(layer.Rules[r], $"{where}.rules[{r}]");
            if (layer.Rules[^1] is { Categories.Count: > 0 } last)
                problems.Add($"{where} ({layer.Code}): the last rule ({last.Id}) must apply to every category (no 'categories'), so every project gets a verdict");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{source}: {problems.Count} problem(s) in the rules: " + string.Join("; ", problems));
    }

    private ComplianceRules WithPlaceholdersFilled()
    {
        var area = Tolerance.MinAreaM2.ToString("0.###", CultureInfo.InvariantCulture);
        var width = Tolerance.MinMeanWidthM.ToString("0.###", CultureInfo.InvariantCulture);
        ComplianceRule Fill(ComplianceRule r) => r with
        {
            Zh = r.Zh.Replace("{minAreaM2}", area).Replace("{minMeanWidthM}", width),
            En = r.En.Replace("{minAreaM2}", area).Replace("{minMeanWidthM}", width),
        };
        LayerRules FillLayer(LayerRules l) => l with { Rules = l.Rules.Select(Fill).ToArray() };
        return this with
        {
            Outcomes = new RuleOutcomes
            {
                NoOverlap = Fill(Outcomes.NoOverlap), EdgeContact = Fill(Outcomes.EdgeContact), Inside = Fill(Outcomes.Inside),
            },
            DefaultLayer = FillLayer(DefaultLayer),
            Layers = Layers.Select(FillLayer).ToArray(),
        };
    }
}
