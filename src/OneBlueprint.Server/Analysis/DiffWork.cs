using System.Text.Json;
using System.Text.Json.Nodes;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Analysis;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// A two-plan discrepancy analysis (差异图斑分析) as a job (<see cref="DiscrepancyEngine"/>): two layer versions, the
/// attribute each is classified by and how (the 土规/城规 defaults, or values compared as-is), sliver thresholds. Patches
/// are cut by the current 行政区划, flagged where they touch 永久基本农田 / 生态保护红线 / 城镇开发边界 (from the server's
/// in-memory blueprint when it holds them), and kept with both plans' values.
/// <code>{"layerA": "TDGH", "fieldA": "TDGHDL", "layerB": "CSGH", "fieldB": "YDDM", "classification": "default", "minAreaM2": 1, "minWidthM": 0.1}</code>
/// </summary>
public sealed class DiffWork(LayerStore store, BlueprintCache blueprint) : IAnalysisWork
{
    public string Kind => AnalysisJob.DiffKind;

    public string NumberPrefix => "CY";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One ledger per pair of layers, fields and classification.</summary>
    public static string Series(JsonObject p) =>
        $"diff:{p["layerA"]}~{p["layerB"]}:{p["fieldA"]}~{p["fieldB"]}:{p["classification"]}";

    public async Task<AnalysisOutcome> RunAsync(AnalysisJob job, IProgress<(double Fraction, string Stage)> progress, CancellationToken ct)
    {
        var p = job.Params;
        var asIs = p["classification"]!.GetValue<string>() == "as-is";
        progress.Report((0, "reading plan A"));
        var a = await PlanAsync(p["layerA"]!.GetValue<string>(), p["versionA"]?.GetValue<int?>(), p["fieldA"]!.GetValue<string>(),
            asIs ? LandUseClassification.AsIs : LandUseClassification.LandUsePlan, ct);
        progress.Report((0.1, "reading plan B"));
        var b = await PlanAsync(p["layerB"]!.GetValue<string>(), p["versionB"]?.GetValue<int?>(), p["fieldB"]!.GetValue<string>(),
            asIs ? LandUseClassification.AsIs : LandUseClassification.UrbanPlan, ct);
        progress.Report((0.2, "reading districts and control lines"));
        var districts = await AnalysisLayers.DistrictsAsync(store, ct);
        var request = new DiscrepancyRequest
        {
            A = a.Plan, B = b.Plan, Srid = store.WorkingSrid, Districts = districts.Count > 0 ? districts : null,
            Slivers = new SliverRules(p["minAreaM2"]?.GetValue<double>() ?? SliverRules.Default.MinAreaM2,
                p["minWidthM"]?.GetValue<double>() ?? SliverRules.Default.MinWidthM),
            Farmland = await ControlAsync(TopologyWork.Farmland, ct),
            EcologicalRedline = await ControlAsync(TopologyWork.Redline, ct),
            UrbanBoundary = await ControlAsync(TopologyWork.UrbanBoundary, ct),
        };
        progress.Report((0.3, "overlaying"));
        var result = DiscrepancyEngine.Default.Run(request, new Progress<double>(percent => progress.Report((0.3 + 0.65 * percent / 100, "overlaying"))), ct); // the engine reports percent

        var patches = result.Patches.Select(x => ToPatch(x, store.WorkingSrid)).ToList();
        var summary = new JsonObject
        {
            ["layerVersions"] = new JsonObject { ["A"] = a.Version, ["B"] = b.Version },
            ["conserved"] = result.Conserved,
            ["types"] = JsonSerializer.SerializeToNode(result.Types, Json),
            ["classes"] = JsonSerializer.SerializeToNode(result.Classes, Json),
            ["balanceA"] = JsonSerializer.SerializeToNode(result.A, Json),
            ["balanceB"] = JsonSerializer.SerializeToNode(result.B, Json),
            ["slivers"] = JsonSerializer.SerializeToNode(result.Slivers, Json),
            ["unclassified"] = JsonSerializer.SerializeToNode(result.Unclassified, Json),
            ["notes"] = new JsonArray(result.Notes.Take(200).Select(n => (JsonNode)n).ToArray()),
            ["work"] = JsonSerializer.SerializeToNode(result.Work, Json),
        };
        return new AnalysisOutcome(patches, summary);
    }

    private async Task<(PlanLayer Plan, JsonObject Version)> PlanAsync(string code, int? number, string field,
        LandUseClassification classification, CancellationToken ct)
    {
        var version = await AnalysisLayers.VersionAsync(store, code, number, ct);
        var features = (await AnalysisLayers.ReadAsync(store, version, ct)).Select(ControlLayerLoading.ToControl).ToList();
        return (new PlanLayer(code, features, field, classification), new JsonObject { ["code"] = code, ["id"] = version.Id, ["version"] = version.Version });
    }

    /// <summary>The control layer's current version: the in-memory blueprint's index when it is that version, else built here.</summary>
    private async Task<ControlLayerIndex?> ControlAsync(string code, CancellationToken ct)
    {
        if (await store.GetVersionAsync(code, null, ct) is not { } version) return null;
        if (blueprint.Current[code] is { } held && held.LayerVersionId == version.Id) return held;
        return await ControlLayerLoading.BuildAsync(store, version, null, null, ct);
    }

    private static NewPatch ToPatch(DiscrepancyPatch x, int srid)
    {
        var kind = x.Cylxdm ?? x.Kind switch { PartKind.OnlyA => "A", PartKind.OnlyB => "B", _ => "D" };
        var attributes = new JsonObject
        {
            ["LXMC"] = x.CylxMc ?? x.Kind switch { PartKind.OnlyA => "仅甲方规划有", PartKind.OnlyB => "仅乙方规划有", _ => "分类不同" },
            ["TGYDXZ"] = x.ValueA,
            ["CGYDXZ"] = x.ValueB,
            ["TGFL"] = x.ClassA,
            ["CGFL"] = x.ClassB,
            ["featureIdA"] = x.FeatureIdA,
            ["featureIdB"] = x.FeatureIdB,
            ["JBNTMJ"] = x.JbntAreaM2,
            ["STHXMJ"] = x.SthxAreaM2,
            ["KFBJMJ"] = x.KfbjAreaM2,
        };
        var geometry = x.Geometry.Copy();
        geometry.SRID = srid;
        return new NewPatch(null, kind, x.IsConflict, "new", x.Xzqdm, x.Xzqmc, x.Jbnt == true, x.Sthx == true, x.Kfbj == true,
            x.AreaM2, x.EllipsoidalAreaM2, attributes, geometry);
    }
}
