namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// 差异类型代码 (CYLXDM) of 两规差异 analysis: how the two plans classify a place as construction land (建设用地).
/// Plan A is the 土地利用总体规划 (土规, its value is TGYDXZ), plan B the 城市总体规划 (城规, CGYDXZ). Only
/// <see cref="UrbanConstructionOnly"/> and <see cref="LandConstructionOnly"/> are conflicts (冲突); the other two agree
/// on construction and differ at most in finer classes. A patch has a code only when both classifications say whether
/// their class is construction land (the defaults do; as-is values do not).
/// </summary>
public static class DiscrepancyType
{
    /// <summary>1 两规均为建设用地: both plans construction land (no conflict).</summary>
    public const string BothConstruction = "1";

    /// <summary>2 城规建设土规非建设: the urban plan builds where the land-use plan does not (conflict).</summary>
    public const string UrbanConstructionOnly = "2";

    /// <summary>3 土规建设城规非建设: the land-use plan builds where the urban plan does not (conflict).</summary>
    public const string LandConstructionOnly = "3";

    /// <summary>4 两规均非建设用地: neither plan construction land (no conflict).</summary>
    public const string NeitherConstruction = "4";

    public static IReadOnlyList<string> All { get; } = [BothConstruction, UrbanConstructionOnly, LandConstructionOnly, NeitherConstruction];

    /// <summary>The Chinese name of a code (差异类型名称).</summary>
    public static string NameZh(string code) => code switch
    {
        BothConstruction => "两规均为建设用地",
        UrbanConstructionOnly => "城规建设土规非建设",
        LandConstructionOnly => "土规建设城规非建设",
        NeitherConstruction => "两规均非建设用地",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "CYLXDM is 1, 2, 3 or 4"),
    };

    /// <summary>Whether the code is a conflict the ledger must resolve (2 and 3).</summary>
    public static bool IsConflict(string code) => code is UrbanConstructionOnly or LandConstructionOnly;

    /// <summary>The code for plan A (土规) and plan B (城规) construction flags; null unless both are known.</summary>
    public static string? Of(bool? constructionA, bool? constructionB) => (constructionA, constructionB) switch
    {
        (true, true) => BothConstruction,
        (false, true) => UrbanConstructionOnly,
        (true, false) => LandConstructionOnly,
        (false, false) => NeitherConstruction,
        _ => null,
    };
}
