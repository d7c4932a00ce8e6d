using System.Text.Json;
using System.Text.Json.Nodes;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Analysis;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// Stored patches as features and ledger rows, with the field names the ledger uses in practice: DKBH (地块编号),
/// CYLXDM (差异类型代码 / finding kind), LXMC (its name), ZT (状态), XTFS (协调方式), TZYY (调整缘由), XZQDM/XZQMC, the
/// JBNT/STHX/KFBJ flags, TBMJ (投影面积, m²), TQMJ (椭球面积, m²), PPJG (比对结果: new/unchanged/changed), then the
/// patch's own attributes (both plans' land uses, source ids …) where they are plain values.
/// </summary>
public static class PatchFeatures
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "地块编号(DKBH)", "差异类型代码(CYLXDM)", "类型名称(LXMC)", "是否冲突", "状态(ZT)", "协调方式(XTFS)", "调整缘由(TZYY)",
        "行政区代码(XZQDM)", "行政区名称(XZQMC)", "涉及永久基本农田(JBNT)", "涉及生态保护红线(STHX)", "涉及城镇开发边界(KFBJ)",
        "投影面积(平方米)", "椭球面积(平方米)", "比对结果(PPJG)", "属性",
    ];

    public static GeoFeature ToFeature(StoredPatch p)
    {
        var f = new GeoFeature(p.Geometry!) { Id = p.Dkbh };
        var a = f.Attributes;
        a["DKBH"] = p.Dkbh;
        a["CYLXDM"] = p.Kind;
        a["LXMC"] = KindName(p);
        a["SFCT"] = p.IsConflict;
        a["ZT"] = p.Status;
        a["XTFS"] = p.Xtfs;
        a["TZYY"] = p.Tzyy;
        a["XZQDM"] = p.Xzqdm;
        a["XZQMC"] = p.Xzqmc;
        a["JBNT"] = p.Jbnt;
        a["STHX"] = p.Sthx;
        a["KFBJ"] = p.Kfbj;
        a["TBMJ"] = p.AreaM2;
        a["TQMJ"] = p.EllipsoidalAreaM2;
        a["PPJG"] = p.Match;
        foreach (var (key, value) in p.Attributes)
        {
            if (a.ContainsKey(key) || value is not JsonValue v) continue;
            a[key] = v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }
        return f;
    }

    public static IReadOnlyList<object?> ToCsvRow(StoredPatch p) =>
    [
        p.Dkbh, p.Kind, KindName(p), p.IsConflict, p.Status, p.Xtfs, p.Tzyy, p.Xzqdm, p.Xzqmc, p.Jbnt, p.Sthx, p.Kfbj,
        Math.Round(p.AreaM2, 2), Math.Round(p.EllipsoidalAreaM2, 2), p.Match,
        string.Join("; ", p.Attributes.Where(kv => kv.Key != "LXMC" && kv.Value is JsonValue).Select(kv => $"{kv.Key}={kv.Value}")),
    ];

    private static string KindName(StoredPatch p) => p.Attributes["LXMC"]?.GetValue<string>() ?? p.Kind;
}
