namespace OneBlueprint.Server.Reports;

/// <summary>One control layer as the report map draws it: catalogue code and Chinese name, its style, and the features near the red line.</summary>
public sealed record ReportMapLayer(string Code, string NameZh, LayerStyle Style, IReadOnlyList<ReportMapFeature> Features);
