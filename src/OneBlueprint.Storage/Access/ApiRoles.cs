namespace OneBlueprint.Storage.Access;

/// <summary>
/// The three roles an API key can carry (CHECK constraint on ob.api_key.role): admin loads and versions
/// the blueprint and manages keys; planner creates projects and runs analyses; reviewer reads.
/// </summary>
public static class ApiRoles
{
    public const string Admin = "admin";
    public const string Planner = "planner";
    public const string Reviewer = "reviewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Planner, Reviewer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
