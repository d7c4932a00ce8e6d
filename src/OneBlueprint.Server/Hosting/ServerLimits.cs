namespace OneBlueprint.Server;

/// <summary>Request size limits: small by default, large only where files are uploaded.</summary>
public static class ServerLimits
{
    /// <summary>Default body limit for JSON and red lines (OB_MAX_BODY_MB, default 16 MB).</summary>
    public static long MaxBodyBytes { get; } = MegaBytes("OB_MAX_BODY_MB", 16);

    /// <summary>Layer imports (OB_MAX_UPLOAD_MB, default 512 MB).</summary>
    public static long MaxUploadBytes { get; } = MegaBytes("OB_MAX_UPLOAD_MB", 512);

    private static long MegaBytes(string variable, long fallback) =>
        (long.TryParse(Environment.GetEnvironmentVariable(variable), out var mb) && mb > 0 ? mb : fallback) * 1024 * 1024;
}
