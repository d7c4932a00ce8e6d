using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OneBlueprint.Storage.Access;

namespace OneBlueprint.Server.Access;

/// <summary>
/// Authenticates <c>X-Api-Key: ob_…</c> or <c>Authorization: Bearer ob_…</c> against the hashed keys in
/// PostGIS. No key is fine (anonymous reads); a wrong or revoked key is a 401, never silently anonymous.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Scheme = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers["X-Api-Key"].FirstOrDefault();
        var auth = Request.Headers.Authorization.FirstOrDefault();
        if (key is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            key = auth["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(key)) return AuthenticateResult.NoResult();

        var principal = await keys.VerifyAsync(key, Context.RequestAborted);
        if (principal is null) return AuthenticateResult.Fail("unknown or revoked API key");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, principal.Name), new Claim(ClaimTypes.Role, principal.Role)], Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: 401, title: "API key required",
            detail: "This endpoint writes data: send an API key with the right role in the X-Api-Key header (create one with `./ob keys add`).")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            statusCode: 403, title: "Role not allowed",
            detail: $"The key '{Context.User.Identity?.Name}' is valid but its role may not do this; ask an administrator for a key with the right role.")
            .ExecuteAsync(Context);
    }
}
