namespace OneBlueprint.Engines.Topology;

/// <summary>
/// The kinds of topology finding, as stable codes (stored with each finding, used in exports and filters) and
/// their Chinese names. Three are about one layer (its features among themselves), three about the 三线 (the
/// three control layers against each other).
/// </summary>
public static class TopologyKinds
{
    /// <summary>A feature whose geometry is not valid in OGC terms (自相交, 环未闭合, …); the finding's geometry is the error location.</summary>
    public const string Invalid = "invalid";

    /// <summary>Two features of one layer that share area (图斑重叠); the finding's geometry is the shared area.</summary>
    public const string Overlap = "overlap";

    /// <summary>An enclosed hole between features of one layer no wider than the gap width (图斑缝隙).</summary>
    public const string Gap = "gap";

    /// <summary>生态保护红线 ∩ 永久基本农田: the two protection lines must not overlap.</summary>
    public const string RedlineFarmland = "redline-farmland";

    /// <summary>永久基本农田 inside 城镇开发边界: farmland must be kept out of the urban development boundary.</summary>
    public const string FarmlandInUrbanBoundary = "farmland-in-urban-boundary";

    /// <summary>生态保护红线 ∩ 城镇开发边界: the urban development boundary must avoid the ecological redline.</summary>
    public const string RedlineUrbanBoundary = "redline-urban-boundary";

    public static readonly IReadOnlyList<string> All =
        [Invalid, Overlap, Gap, RedlineFarmland, FarmlandInUrbanBoundary, RedlineUrbanBoundary];

    /// <summary>The Chinese name of a kind (for reports and ledgers); the code itself when unknown.</summary>
    public static string ChineseName(string kind) => kind switch
    {
        Invalid => "几何无效",
        Overlap => "图斑重叠",
        Gap => "图斑缝隙",
        RedlineFarmland => "生态保护红线与永久基本农田重叠",
        FarmlandInUrbanBoundary => "永久基本农田位于城镇开发边界内",
        RedlineUrbanBoundary => "生态保护红线与城镇开发边界重叠",
        _ => kind,
    };
}
