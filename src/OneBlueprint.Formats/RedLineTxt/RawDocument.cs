namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// A red-line file split into its parts: section key/values (keys prefixed with their section, in file
/// order, with the line each came from) and the parcels of [地块坐标].
/// </summary>
internal sealed class RawDocument
{
    public OrderedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> MetadataLines { get; } = new(StringComparer.Ordinal);

    public bool HasParcelSection { get; set; }

    public List<RawParcel> Parcels { get; } = new();

    public (string Value, int Line)? Description(string key)
    {
        var full = RedLineTxtFields.MetadataKey(RedLineTxtFields.DescriptionSection, key);
        return Metadata.TryGetValue(full, out var value) && value.Length > 0 ? (value, MetadataLines[full]) : null;
    }
}
