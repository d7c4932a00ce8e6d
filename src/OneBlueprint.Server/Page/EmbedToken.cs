using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneBlueprint.Server.Page;

/// <summary>
/// What a signed embedding link grants: until <see cref="ExpiresAt"/> (unix seconds), the standard page with projects'
/// red lines and the compliance review; bound to one project when <see cref="ProjectCode"/> is set.
/// </summary>
public sealed record EmbedTokenPayload(
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("projectCode")] string? ProjectCode = null);

/// <summary>
/// Signed, expiring embedding tokens that the provincial system mints with the shared secret (OB_EMBED_SECRET):
/// <c>base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part))</c>. Anyone holding the secret can mint
/// one (no call to this server needed): sign the exact base64url text of the payload, not a re-serialisation.
/// </summary>
public static class EmbedToken
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Create(EmbedTokenPayload payload, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        return body + "." + Base64Url(Sign(body, secret));
    }

    /// <summary>The payload when <paramref name="token"/> is well formed, signed with <paramref name="secret"/> and not expired at <paramref name="now"/>; otherwise null and why.</summary>
    public static EmbedTokenPayload? Verify(string? token, string secret, DateTimeOffset now, out string? whyNot)
    {
        whyNot = null;
        if (string.IsNullOrEmpty(token)) { whyNot = "no token"; return null; }
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) { whyNot = "the token is not payload.signature"; return null; }
        var body = token[..dot];
        byte[] signature, payloadBytes;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            payloadBytes = FromBase64Url(body);
        }
        catch (FormatException) { whyNot = "the token is not base64url"; return null; }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(body, secret))) { whyNot = "the token's signature does not match (wrong secret, or altered)"; return null; }
        EmbedTokenPayload? payload;
        try { payload = JsonSerializer.Deserialize<EmbedTokenPayload>(payloadBytes, Json); }
        catch (JsonException) { whyNot = "the token's payload is not JSON {exp, projectCode?}"; return null; }
        if (payload is null || payload.ExpiresAt <= 0) { whyNot = "the token has no expiry (exp)"; return null; }
        if (DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt) <= now) { whyNot = "the token has expired"; return null; }
        return payload;
    }

    private static byte[] Sign(string body, string secret) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(body));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
