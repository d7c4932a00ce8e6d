namespace OneBlueprint.Server.Access;

/// <summary>
/// Who may write what. Reading public layers needs no key; every write needs an API key whose role
/// is allowed by the endpoint's policy.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Planner = "planner";
    public const string Reviewer = "reviewer";

    /// <summary>Policy: city GIS administrators only (imports, keys, audit).</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Policy: planners and administrators (projects, red lines).</summary>
    public const string PlannerPolicy = "planner";

    /// <summary>Policy: any valid key (reviewers run checks, read non-public data).</summary>
    public const string AnyKeyPolicy = "any-key";
}
