using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity;

/// <summary>
/// One synthetic construction project: its 项目代码 (year-adcode-industry-type-serial), name, category
/// and red line (1–3 parcels in EPSG:4547, attributes 地块编号/地块名称/地块用途/地类编码/地块面积),
/// placed so that it meets the control lines as <see cref="Scenario"/> says.
/// </summary>
public sealed record DemoProject(
    string Code,
    string Name,
    string Category,
    bool MajorProjectClass,
    ProjectScenario Scenario,
    FeatureSet RedLine)
{
    /// <summary>File name of the red-line TXT under projects/.</summary>
    public string FileName => $"{Code}.txt";
}

/// <summary>What a demo project's red line was placed to show in a compliance review.</summary>
public enum ProjectScenario
{
    /// <summary>Inside the urban development boundary, touching no control line: passes.</summary>
    Clean,

    /// <summary>Overlaps permanent farmland (and nothing ecological): needs 占用/补划 approval.</summary>
    OverlapsFarmland,

    /// <summary>Overlaps an ecological redline: the one project that must be refused or re-sited.</summary>
    OverlapsEcologicalRedline,

    /// <summary>Partly inside, partly outside the urban development boundary.</summary>
    StraddlesUrbanBoundary,

    /// <summary>Inside the urban boundary, overlapping a blue line (河道蓝线) only.</summary>
    OverlapsBlueLine,
}
