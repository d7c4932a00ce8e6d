using System.Globalization;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// A 7-parameter (Bursa-Wolf / Helmert) datum shift in PROJ's <c>+towgs84</c> convention (position vector,
/// EPSG method 9606): translations in metres, rotations in arc-seconds, scale difference in ppm, taking
/// geocentric coordinates of the source datum to CGCS2000 (≡ WGS 84 here).
/// Text form: "dx,dy,dz,rx,ry,rz,ds", exactly what goes after <c>+towgs84=</c>.
/// </summary>
public sealed record BursaWolfParameters(double Dx, double Dy, double Dz, double Rx, double Ry, double Rz, double Ds)
{
    /// <summary>Parses "dx,dy,dz,rx,ry,rz,ds" (invariant culture); 3 values mean a pure translation.</summary>
    public static bool TryParse(string? text, out BursaWolfParameters? parameters)
    {
        parameters = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (3 or 7)) return false;
        var values = new double[7];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                return false;
        parameters = new(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        return true;
    }

    /// <summary>Parses "dx,dy,dz,rx,ry,rz,ds"; throws <see cref="FormatException"/> naming the expected form.</summary>
    public static BursaWolfParameters Parse(string text) =>
        TryParse(text, out var parameters)
            ? parameters!
            : throw new FormatException($"'{text}' is not a 7-parameter set: expected \"dx,dy,dz,rx,ry,rz,ds\" (metres, arc-seconds, ppm), e.g. \"24,-123,-94,0.02,-0.25,-0.13,1.1\".");

    /// <summary>The "dx,dy,dz,rx,ry,rz,ds" form, as PROJ's +towgs84 takes it.</summary>
    public override string ToString() =>
        string.Join(',', new[] { Dx, Dy, Dz, Rx, Ry, Rz, Ds }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
