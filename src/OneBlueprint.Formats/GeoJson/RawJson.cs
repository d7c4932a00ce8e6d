namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// An attribute value that was a JSON object or array in a GeoJSON "properties" member, kept as its
/// compact JSON text. The GeoJSON writer writes it back as JSON (not as a string), so a round trip
/// restores the nested value; other writers see the text through <see cref="ToString"/>.
/// </summary>
public sealed record RawJson(string Json)
{
    public override string ToString() => Json;
}
