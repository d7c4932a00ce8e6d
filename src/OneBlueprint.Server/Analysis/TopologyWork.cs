using System.Text.Json.Nodes;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Topology;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Analysis;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// A topology check of the blueprint as a job (<see cref="TopologyEngine"/>): within one layer version
/// (<c>{"layer": "YJJBNTBHTB", "version": 3, "nameField": "DKMC", "maxGapWidthM": 100, "minAreaM2": 0}</c>) or the
/// 三线 against each other (<c>{"threeLines": true}</c>, current versions). Findings become patches of their kind,
/// with the district they lie in and the 三线 they concern flagged.
/// </summary>
public sealed class TopologyWork(LayerStore store) : IAnalysisWork
{
    public const string Redline = "STBHHX", Farmland = "YJJBNTBHTB", UrbanBoundary = "CZKFBJ";

    public string Kind => AnalysisJob.TopologyKind;

    public string NumberPrefix => "TP";

    /// <summary>The series a request belongs to: one ledger per checked layer, one for the 三线.</summary>
    public static string Series(JsonObject p) =>
        p["threeLines"]?.GetValue<bool>() == true ? "topology:三线" : $"topology:{p["layer"]!.GetValue<string>()}";

    public async Task<AnalysisOutcome> RunAsync(AnalysisJob job, IProgress<(double Fraction, string Stage)> progress, CancellationToken ct)
    {
        var p = job.Params;
        var options = new TopologyOptions
        {
            MaxGapWidthM = p["maxGapWidthM"]?.GetValue<double?>() ?? TopologyOptions.Default.MaxGapWidthM,
            MinAreaM2 = p["minAreaM2"]?.GetValue<double>() ?? 0,
        };
        var nameField = p["nameField"]?.GetValue<string>();
        progress.Report((0, "reading layers"));
        var districts = new DistrictLocator(await AnalysisLayers.DistrictsAsync(store, ct));
        var versions = new JsonObject();
        async Task<TopologyLayer> LayerAsync(string code, int? number)
        {
            var version = await AnalysisLayers.VersionAsync(store, code, number, ct);
            versions[code] = new JsonObject { ["id"] = version.Id, ["version"] = version.Version };
            var features = await AnalysisLayers.ReadAsync(store, version, ct);
            var field = nameField ?? TopologyFeature.NameFieldCandidates.FirstOrDefault(c => features.Any(f => f.Attributes.ContainsKey(c)));
            return new TopologyLayer(code, store.WorkingSrid,
                features.Select(f => new TopologyFeature(f.Id!, field is null ? null : AnalysisLayers.Text(f, field), f.Geometry)).ToList());
        }

        TopologyResult result;
        var engineProgress = new Progress<double>(percent => progress.Report((0.2 + 0.75 * percent / 100, "checking"))); // the engine reports percent
        if (p["threeLines"]?.GetValue<bool>() == true)
        {
            var redline = await LayerAsync(Redline, null);
            var farmland = await LayerAsync(Farmland, null);
            var urban = await LayerAsync(UrbanBoundary, null);
            progress.Report((0.2, "checking"));
            result = TopologyEngine.CheckThreeLines(redline, farmland, urban, options, engineProgress, ct);
        }
        else
        {
            var layer = await LayerAsync(p["layer"]!.GetValue<string>(), p["version"]?.GetValue<int?>());
            progress.Report((0.2, "checking"));
            result = TopologyEngine.CheckLayer(layer, options, engineProgress, ct);
        }

        progress.Report((0.95, "locating districts"));
        var patches = result.Findings.Select(f => ToPatch(f, districts, store.WorkingSrid)).ToList();
        var summary = new JsonObject
        {
            ["layer"] = result.Layer,
            ["layerVersions"] = versions,
            ["features"] = result.FeatureCount,
            ["byKind"] = new JsonObject(TopologyKinds.All.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject
            {
                ["name"] = TopologyKinds.ChineseName(k),
                ["count"] = result.OfKind(k).Count(),
                ["areaM2"] = result.OfKind(k).Sum(f => f.Area?.PlanarM2 ?? 0),
            }))),
            ["maxGapWidthM"] = result.MaxGapWidthM,
            ["wideHoles"] = new JsonObject { ["count"] = result.WideHoleCount, ["areaM2"] = result.WideHoleAreaM2 },
            ["filtered"] = new JsonObject { ["count"] = result.FilteredCount, ["areaM2"] = result.FilteredAreaM2, ["minAreaM2"] = options.MinAreaM2 },
            ["notes"] = new JsonArray(result.Notes.Take(200).Select(n => (JsonNode)n).ToArray()),
        };
        return new AnalysisOutcome(patches, summary);
    }

    private static NewPatch ToPatch(TopologyFinding f, DistrictLocator districts, int srid)
    {
        var district = districts.Locate(f.Geometry);
        var layers = f.Features.Select(x => x.Layer).ToHashSet();
        var attributes = new JsonObject
        {
            ["LXMC"] = f.KindName,
            ["features"] = new JsonArray(f.Features.Select(x => (JsonNode)new JsonObject { ["layer"] = x.Layer, ["id"] = x.Id, ["name"] = x.Name }).ToArray()),
        };
        if (f.Reason is not null) attributes["reason"] = f.Reason;
        if (f.ReasonCode is not null) attributes["reasonCode"] = f.ReasonCode;
        if (f.LonLat is { } ll) attributes["lonLat"] = new JsonArray(ll.X, ll.Y);
        if (f.WidthM is { } w) attributes["widthM"] = w;
        var geometry = f.Geometry.Copy();
        geometry.SRID = srid;
        return new NewPatch(null, f.Kind, IsConflict: true, "new", district?.Code, district?.Name,
            Jbnt: layers.Contains(Farmland), Sthx: layers.Contains(Redline), Kfbj: layers.Contains(UrbanBoundary),
            f.Area?.PlanarM2 ?? 0, f.Area?.EllipsoidalM2 ?? 0, attributes, geometry);
    }
}
