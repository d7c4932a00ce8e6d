namespace OneBlueprint.Geo.Crs;

/// <summary>
/// The locally published 7-parameter sets that take Xian 1980 and Beijing 1954 coordinates to CGCS2000.
/// China publishes no national grid or parameter set for these datums: every city or province fits its own
/// from common points, so OneBlueprint ships none and refuses such transformations until one is configured.
/// <para>
/// Sources, strongest first: <see cref="Configure"/> (process-wide), then the environment variables
/// <c>OB_TOWGS84_XIAN1980</c> and <c>OB_TOWGS84_BEIJING1954</c> as "dx,dy,dz,rx,ry,rz,ds"
/// (position-vector convention, like PROJ's +towgs84). <see cref="Reset"/> drops configured values and
/// re-reads the environment. Changing settings invalidates the cached transformations of <see cref="Reprojector"/>.
/// </para>
/// </summary>
public static class DatumShiftSettings
{
    public const string Xian1980Variable = "OB_TOWGS84_XIAN1980";
    public const string Beijing1954Variable = "OB_TOWGS84_BEIJING1954";

    private static readonly object Gate = new();
    private static readonly Dictionary<GeodeticDatum, BursaWolfParameters?> Configured = new();
    private static readonly Dictionary<GeodeticDatum, BursaWolfParameters?> FromEnvironment = new();
    private static int _version;

    /// <summary>Increases on every change; cached transformations built under an older version are stale.</summary>
    internal static int Version => Volatile.Read(ref _version);

    /// <summary>The environment variable that holds a datum's parameters.</summary>
    public static string EnvironmentVariable(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Xian1980 => Xian1980Variable,
        GeodeticDatum.Beijing1954 => Beijing1954Variable,
        _ => throw new ArgumentOutOfRangeException(nameof(datum), datum, "CGCS2000 needs no shift parameters"),
    };

    /// <summary>
    /// Sets (or, with null, explicitly withholds, ignoring the environment) the parameters from
    /// <paramref name="datum"/> to CGCS2000 for this process.
    /// </summary>
    public static void Configure(GeodeticDatum datum, BursaWolfParameters? toCgcs2000)
    {
        EnvironmentVariable(datum); // rejects CGCS2000
        lock (Gate)
        {
            Configured[datum] = toCgcs2000;
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Forgets configured values and re-reads the environment variables on next use.</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            Configured.Clear();
            FromEnvironment.Clear();
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>The parameters in force for a datum, or null when none are configured.</summary>
    /// <exception cref="CrsException">The environment variable is set but malformed.</exception>
    public static BursaWolfParameters? For(GeodeticDatum datum)
    {
        if (datum == GeodeticDatum.Cgcs2000) return null;
        lock (Gate)
        {
            if (Configured.TryGetValue(datum, out var configured)) return configured;
            if (FromEnvironment.TryGetValue(datum, out var cached)) return cached;
            var variable = EnvironmentVariable(datum);
            var text = Environment.GetEnvironmentVariable(variable);
            BursaWolfParameters? parsed = null;
            if (!string.IsNullOrWhiteSpace(text) && !BursaWolfParameters.TryParse(text, out parsed))
                throw new CrsException(
                    $"Environment variable {variable}='{text}' is not a 7-parameter set. " +
                    "Write it as \"dx,dy,dz,rx,ry,rz,ds\" (metres, arc-seconds, ppm; position-vector convention as in PROJ's +towgs84).");
            FromEnvironment[datum] = parsed;
            return parsed;
        }
    }
}
