namespace OneBlueprint.Formats.GeoJson;

/// <summary>How the GeoJSON writer formats coordinates and rings.</summary>
public sealed record GeoJsonWriteOptions
{
    /// <summary>
    /// Digits after the decimal point of coordinates. Null: chosen by the set's SRID
    /// (<see cref="GeoJsonWriter.DefaultDecimals"/>: 9 for degrees ≈ 0.1 mm, 3 for metres = 1 mm).
    /// <see cref="GeoJsonWriter.RoundTripDecimals"/>: every double written exactly (shortest round-trip form).
    /// </summary>
    public int? Decimals { get; init; }

    /// <summary>
    /// Write exterior rings counterclockwise and holes clockwise, as RFC 7946 §3.1.6 requires of writers.
    /// Reversing a ring changes its vertex order only, never the shape.
    /// </summary>
    public bool RightHandRule { get; init; } = true;

    public bool Indented { get; init; }

    public static GeoJsonWriteOptions Default { get; } = new();

    /// <summary>Exact coordinates, rings as they are: what a lossless round trip needs.</summary>
    public static GeoJsonWriteOptions Lossless { get; } = new() { Decimals = GeoJsonWriter.RoundTripDecimals, RightHandRule = false };
}
