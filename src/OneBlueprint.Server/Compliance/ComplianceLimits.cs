namespace OneBlueprint.Server.Compliance;

/// <summary>
/// What one compliance check accepts. A red line is a few parcels of a project: a real one has tens to a few
/// thousand boundary points, so the limits are generous for people and still keep one request from occupying a
/// core for long. Beyond them the answer is 413 with a ProblemDetails saying which limit was hit.
/// </summary>
public static class ComplianceLimits
{
    /// <summary>Boundary points (vertices) of all parcels together (OB_CHECK_MAX_VERTICES, default 100,000).</summary>
    public static int MaxVertices { get; } = Positive("OB_CHECK_MAX_VERTICES", 100_000);

    /// <summary>Request body of a check (OB_CHECK_MAX_BODY_MB, default 10 MB).</summary>
    public static long MaxBodyBytes { get; } = Positive("OB_CHECK_MAX_BODY_MB", 10) * 1024L * 1024L;

    /// <summary>
    /// How far (metres) a red line may lie beyond the extent of the loaded control layers before it is refused as
    /// being elsewhere (another city, a wrong zone or CRS): a check there would "pass" every layer and mean nothing.
    /// </summary>
    public const double ExtentMarginMetres = 5_000;

    private static int Positive(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : fallback;
}
