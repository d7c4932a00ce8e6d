using OneBlueprint.Geo.Features;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// A red line as the caller sent it: the bytes (kept with a stored check), their format ("geojson" or "txt"), the
/// name messages use for it (the uploaded file's name, ?filename=, or "request-body.…"), the parcels as read (in
/// the input's CRS, <see cref="FeatureSet.Srid"/>; null when undeclared), and form fields sent alongside a
/// multipart upload (projectCode, category, …).
/// </summary>
public sealed record RedLineInput(string Format, string Name, byte[] Bytes, FeatureSet Features, IReadOnlyDictionary<string, string> Fields)
{
    public const string GeoJson = "geojson";
    public const string Txt = "txt";
}
