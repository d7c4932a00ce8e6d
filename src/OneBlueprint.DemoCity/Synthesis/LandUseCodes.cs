namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The land-use codes the two demo plans use, with their names.
/// <list type="bullet">
/// <item>土地利用总体规划 (TDGH): the 规划用途 classes of TD/T 1024-2010 (市县乡级土地利用总体规划编制规程) — 1xx 农用地,
/// 2xx 建设用地, 3xx 其他土地.</item>
/// <item>城市总体规划 (CSGH): GB 50137-2011 城市用地分类 — R/A/B/M/W/S/U/G are 城市建设用地, H14 村庄建设用地, H5 采矿用地,
/// H9 其他建设用地; E1 水域, E2 农林用地, E9 其他非建设用地 are 非建设用地.</item>
/// </list>
/// Which codes count as 建设用地 is for the discrepancy analysis to decide (as data); the tables here only name them.
/// </summary>
public static class LandUseCodes
{
    public static readonly IReadOnlyDictionary<string, string> Tdgh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["111"] = "水田", ["112"] = "水浇地", ["113"] = "旱地", ["120"] = "园地", ["130"] = "林地",
        ["211"] = "城镇用地", ["212"] = "农村居民点用地", ["213"] = "采矿用地", ["214"] = "其他独立建设用地",
        ["311"] = "河流水面", ["312"] = "湖泊水面", ["320"] = "自然保留地",
    };

    public static readonly IReadOnlyDictionary<string, string> Csgh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["R"] = "居住用地", ["A"] = "公共管理与公共服务设施用地", ["B"] = "商业服务业设施用地", ["M"] = "工业用地",
        ["W"] = "物流仓储用地", ["S"] = "道路与交通设施用地", ["U"] = "公用设施用地", ["G"] = "绿地与广场用地",
        ["H14"] = "村庄建设用地", ["H5"] = "采矿用地", ["H9"] = "其他建设用地",
        ["E1"] = "水域", ["E2"] = "农林用地", ["E9"] = "其他非建设用地",
    };

    /// <summary>Shares of the urban uses inside the urban development boundary (城市建设用地 of a large city, roughly).</summary>
    public static readonly IReadOnlyList<(string Code, double Share)> UrbanMix =
    [
        ("R", 0.32), ("A", 0.08), ("B", 0.11), ("M", 0.16), ("W", 0.05), ("S", 0.13), ("U", 0.03), ("G", 0.12),
    ];

    /// <summary>The 耕地 class of 土规 for a farmland patch's 地类编码 (DLBM 0101 水田, 0102 水浇地, 0103 旱地).</summary>
    public static string TdghForFarmland(string dlbm) => dlbm switch
    {
        "0101" => "111",
        "0102" => "112",
        _ => "113",
    };

    /// <summary>The urban use a uniform draw in [0, 1) falls on in <see cref="UrbanMix"/>.</summary>
    public static string UrbanUse(double unit)
    {
        var total = UrbanMix.Sum(m => m.Share);
        var at = unit * total;
        foreach (var (code, share) in UrbanMix)
        {
            if (at < share) return code;
            at -= share;
        }
        return UrbanMix[^1].Code;
    }
}
