using System.Text.Json;

namespace OneBlueprint.Engines.Assessment.Catalogue;

/// <summary>
/// The assessment items of a deployment, as data (the same idea as the compliance rules): the embedded
/// <c>default-items.json</c> lists the seven items of the national reform (压覆重要矿产资源, 环境影响评价, 节能评价,
/// 地质灾害危险性评估, 地震安全性评价, 水资源论证, 文物考古调查勘探); <see cref="Load"/> reads a deployment's own file of the
/// same shape. Codes are unique; a code, a Chinese name or an alias finds an item (<see cref="Resolve"/>).
/// </summary>
public sealed record AssessmentItemCatalogue
{
    private const string ResourceName = "OneBlueprint.Engines.Assessment.Catalogue.default-items.json";

    /// <summary>The environment variable (or configuration key) naming a deployment's catalogue file.</summary>
    public const string FileVariable = "OB_ASSESSMENT_ITEMS";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<AssessmentItemCatalogue> DefaultCatalogue = new(() =>
    {
        using var stream = typeof(AssessmentItemCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default-items.json (embedded)");
    });

    public required string Name { get; init; }
    public string? Version { get; init; }
    public required IReadOnlyList<AssessmentItemDefinition> Items { get; init; }

    public static AssessmentItemCatalogue Default => DefaultCatalogue.Value;

    /// <summary>Reads a catalogue file; <see cref="InvalidDataException"/> says what is wrong in it.</summary>
    public static AssessmentItemCatalogue Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The file at <paramref name="path"/> when given, the embedded defaults otherwise.</summary>
    public static AssessmentItemCatalogue LoadOrDefault(string? path) => string.IsNullOrWhiteSpace(path) ? Default : Load(path);

    /// <summary>The catalogue <see cref="FileVariable"/> names, else the defaults.</summary>
    public static AssessmentItemCatalogue FromEnvironment() => LoadOrDefault(Environment.GetEnvironmentVariable(FileVariable));

    public static AssessmentItemCatalogue Parse(string json, string sourceName = "items")
    {
        AssessmentItemCatalogue? catalogue;
        try
        {
            catalogue = JsonSerializer.Deserialize<AssessmentItemCatalogue>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not a valid assessment item catalogue ({e.Message}). Compare it with the embedded default-items.json.", e);
        }
        if (catalogue is null) throw new InvalidDataException($"{sourceName}: the document is empty (null)");
        catalogue.Validate(sourceName);
        return catalogue;
    }

    /// <summary>The item with this code, or null.</summary>
    public AssessmentItemDefinition? Find(string code) =>
        Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The item a code, Chinese name or alias names (case and surrounding spaces ignored), or null.</summary>
    public AssessmentItemDefinition? Resolve(string codeOrName)
    {
        var text = (codeOrName ?? "").Trim();
        if (text.Length == 0) return null;
        return Find(text)
            ?? Items.FirstOrDefault(i => i.NameZh == text || string.Equals(i.NameEn, text, StringComparison.OrdinalIgnoreCase))
            ?? Items.FirstOrDefault(i => i.Aliases.Contains(text, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Position of a code in the catalogue (unknown codes after all known ones), for stable output order.</summary>
    public int OrderOf(string code)
    {
        for (var i = 0; i < Items.Count; i++)
            if (string.Equals(Items[i].Code, code, StringComparison.OrdinalIgnoreCase)) return i;
        return int.MaxValue;
    }

    private void Validate(string source)
    {
        if (Items is null || Items.Count == 0) throw new InvalidDataException($"{source}: 'items' is missing or empty");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            if (string.IsNullOrWhiteSpace(item.Code) || string.IsNullOrWhiteSpace(item.NameZh) || string.IsNullOrWhiteSpace(item.NameEn))
                throw new InvalidDataException($"{source}: items[{i}] needs code, nameZh and nameEn");
            if (item.Code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
                throw new InvalidDataException($"{source}: items[{i}] code '{item.Code}' may only hold ASCII letters, digits, '_' and '-'");
            if (!seen.Add(item.Code)) throw new InvalidDataException($"{source}: item code '{item.Code}' appears twice");
        }
    }
}
