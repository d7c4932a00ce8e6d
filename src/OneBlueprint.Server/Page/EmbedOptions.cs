namespace OneBlueprint.Server.Page;

/// <summary>
/// How the standard page may be embedded: <see cref="FrameAncestors"/> is the CSP frame-ancestors source list
/// (OB_FRAME_ANCESTORS, default <c>'self'</c>; e.g. <c>'self' https://zwfw.example.gov.cn</c>); <see cref="Secret"/>
/// (OB_EMBED_SECRET) signs embedding links. Without a secret the page is open (development, loopback); with one,
/// projects' red lines and the compliance review need a valid token.
/// </summary>
public sealed record EmbedOptions(string FrameAncestors, string? Secret)
{
    public const string FrameAncestorsKey = "OB_FRAME_ANCESTORS";
    public const string SecretKey = "OB_EMBED_SECRET";

    public static EmbedOptions From(IConfiguration configuration)
    {
        var ancestors = configuration[FrameAncestorsKey];
        var secret = configuration[SecretKey];
        return new EmbedOptions(
            string.IsNullOrWhiteSpace(ancestors) ? "'self'" : ancestors.Trim(),
            string.IsNullOrWhiteSpace(secret) ? null : secret);
    }
}
