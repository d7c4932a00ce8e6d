namespace OneBlueprint.Storage.Assessment;

/// <summary>The simplified-approval modes (JHSPDFS) as stored: the CHECK constraint of ob.assessment_item.mode.</summary>
public static class AssessmentModes
{
    public const string NotifyAndCommit = "notify-commit";
    public const string Exempt = "exempt";
    public const string Simplified = "simplified";

    public static IReadOnlyList<string> All { get; } = [NotifyAndCommit, Exempt, Simplified];

    public static bool IsKnown(string mode) => All.Contains(mode, StringComparer.Ordinal);
}
