namespace OneBlueprint.DemoCity;

/// <summary>
/// The layer codes of the demo city, as used for file names (layers/CODE.geojson) and as the
/// control-line codes the rest of OneBlueprint knows. Real layers come from shared/data; synthetic
/// ones are made by <see cref="DemoCityGenerator"/> and say so in their metadata.
/// </summary>
public static class LayerCodes
{
    /// <summary>行政区划 (districts/counties), real: DataV boundaries converted from GCJ-02.</summary>
    public const string Districts = "XZQH";

    /// <summary>水系 rivers (lines): Natural Earth (real) plus sketched tributaries (synthetic).</summary>
    public const string Rivers = "SX";

    /// <summary>湖泊/水库 lakes and reservoirs (polygons): synthetic (Natural Earth has none in the city).</summary>
    public const string Lakes = "HP";

    /// <summary>城市建设用地 urban areas (polygons), real: Natural Earth.</summary>
    public const string UrbanAreas = "CSJSYD";

    /// <summary>生态保护红线 ecological redlines, synthetic.</summary>
    public const string EcologicalRedlines = "STBHHX";

    /// <summary>城镇开发边界 urban development boundary, synthetic.</summary>
    public const string UrbanBoundary = "CZKFBJ";

    /// <summary>永久基本农田保护图斑 permanent farmland patches, synthetic.</summary>
    public const string Farmland = "YJJBNTBHTB";

    /// <summary>蓝线 water line, synthetic.</summary>
    public const string BlueLine = "LX";

    /// <summary>绿线 green line, synthetic.</summary>
    public const string GreenLine = "LVX";

    /// <summary>紫线 heritage line, synthetic.</summary>
    public const string PurpleLine = "ZX";

    /// <summary>黄线 infrastructure line, synthetic.</summary>
    public const string YellowLine = "HX";

    /// <summary>土地利用总体规划 land-use master plan (TDGHDL codes), synthetic: a plan layer for the discrepancy analysis, not a control line.</summary>
    public const string LandUsePlan = "TDGH";

    /// <summary>城市总体规划 city master plan (YDDM, GB 50137 codes), synthetic: a plan layer for the discrepancy analysis, not a control line.</summary>
    public const string CityMasterPlan = "CSGH";

    /// <summary>All layers in the order they are generated and written.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Districts, Rivers, Lakes, UrbanAreas,
        EcologicalRedlines, UrbanBoundary, Farmland,
        BlueLine, GreenLine, PurpleLine, YellowLine,
        LandUsePlan, CityMasterPlan,
    ];

    /// <summary>The control layers a project red line is checked against.</summary>
    public static readonly IReadOnlyList<string> ControlLayers =
        [EcologicalRedlines, UrbanBoundary, Farmland, BlueLine, GreenLine, PurpleLine, YellowLine];
}
