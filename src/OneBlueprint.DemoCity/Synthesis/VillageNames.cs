namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Plausible Henan village names (姓 + 庄/寨/营… + 村) for 坐落单位名称, picked by hash: synthetic, so a
/// name may repeat across districts as real ones do.
/// </summary>
public static class VillageNames
{
    private static readonly string[] Surnames =
    [
        "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "罗", "郑",
        "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "田", "董", "袁", "潘", "蒋", "蔡", "杜", "程", "苏", "魏",
        "吕", "丁", "任", "姚", "卢", "姜", "崔", "贾", "范", "石", "白", "孟", "秦", "侯", "史", "牛", "岳", "申", "樊", "娄",
    ];

    private static readonly string[] Suffixes =
    [
        "庄", "寨", "营", "湾", "岗", "沟", "店", "楼", "河", "桥", "坡", "屯", "集", "堂", "洼", "岭", "铺", "家", "湖", "园",
    ];

    public static string For(ulong hash) =>
        $"{Surnames[(int)(hash % (ulong)Surnames.Length)]}{Suffixes[(int)(hash / (ulong)Surnames.Length % (ulong)Suffixes.Length)]}村";
}
