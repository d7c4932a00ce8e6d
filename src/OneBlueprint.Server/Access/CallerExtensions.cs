using System.Security.Claims;

namespace OneBlueprint.Server.Access;

public static class CallerExtensions
{
    /// <summary>The key's name for audit records, or "anonymous".</summary>
    public static string CallerName(this HttpContext http) => http.User.Identity?.Name ?? "anonymous";

    public static string? CallerRole(this HttpContext http) => http.User.FindFirstValue(ClaimTypes.Role);
}
