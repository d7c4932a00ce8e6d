using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 永久基本农田保护图斑 (YJJBNTBHTB), synthetic: a coverage of non-overlapping patches cut from the
/// <see cref="FarmlandLayout"/> lattice, tile by tile in parallel (each tile a pure function of the seed,
/// so the result does not depend on thread timing), outside the urban boundary, the ecological redlines
/// and the four lines, except for a few deliberate conflicts: <see cref="EcologicalConflicts"/> patches
/// overlap an ecological redline and <see cref="UrbanConflicts"/> the urban boundary, by 25–75 % of their
/// area, so a discrepancy analysis has something to find. Their DKBH are listed in the layer metadata.
/// </summary>
public static class Farmland
{
    public const int DemoTarget = 20_500;
    public const int CityTarget = 225_000;
    public const int EcologicalConflicts = 6;
    public const int UrbanConflicts = 10;

    public const string ConflictMetadataPrefix = "conflicts.";

    public static int TargetFor(DemoScale scale) => scale == DemoScale.City ? CityTarget : DemoTarget;

    private static readonly Dictionary<string, string> LandClassNames = new()
    {
        ["0101"] = "水田", ["0102"] = "水浇地", ["0103"] = "旱地",
    };

    public static FeatureSet Build(FarmlandLayout layout, IProgress<double>? progress, CancellationToken ct)
    {
        var tiles = new List<PatchDraft>[layout.TileCount];
        var done = 0;
        Parallel.For(0, layout.TileCount, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            tiles[t] = layout.GenerateTile(t);
            progress?.Report((double)Interlocked.Increment(ref done) / layout.TileCount);
        });
        var drafts = tiles.SelectMany(t => t).ToList();

        // Deliberate conflicts: the candidate cells with the smallest hashes keep their unclipped shape.
        var chosen = new Dictionary<(int, int), PatchDraft>();
        foreach (var (layer, count) in new[] { (LayerCodes.EcologicalRedlines, EcologicalConflicts), (LayerCodes.UrbanBoundary, UrbanConflicts) })
            foreach (var d in drafts.Where(d => d.ConflictLayer == layer).OrderBy(d => d.Hash).Take(count))
                chosen[(d.I, d.J)] = d with { Shape = d.Unclipped! };

        var set = new LayerBuilder(LayerCodes.Farmland, "永久基本农田");
        var perVillage = new Dictionary<string, int>(StringComparer.Ordinal);
        var conflicts = new Dictionary<string, List<string>>
        {
            [LayerCodes.EcologicalRedlines] = new(), [LayerCodes.UrbanBoundary] = new(),
        };
        var seen = new HashSet<(int, int)>();
        foreach (var draft in drafts)
        {
            var patch = draft;
            if (chosen.TryGetValue((draft.I, draft.J), out var conflict))
            {
                if (!seen.Add((draft.I, draft.J))) continue; // the clipped parts give way to the whole cell
                patch = conflict;
            }
            var (villageCode, villageName) = layout.Village(patch.I, patch.J, patch.DistrictCode);
            var serial = perVillage[villageCode] = perVillage.GetValueOrDefault(villageCode) + 1;
            var dkbh = $"{villageCode[..12]}{serial:0000}";
            set.AddOnGrid(patch.Shape,
                ("DKBH", dkbh),
                ("DLBM", patch.LandClass),
                ("DLMC", LandClassNames[patch.LandClass]),
                ("ZLDWDM", villageCode),
                ("ZLDWMC", villageName),
                ("XZQDM", patch.DistrictCode),
                ("TBMJ", Math.Round(patch.Shape.Area, 2)),
                ("KCXS", patch.DeductionRate),
                ("JBNTLX", "永久基本农田"));
            if (ReferenceEquals(patch, conflict) && patch.ConflictLayer is { } layer) conflicts[layer].Add(dkbh);
        }

        var result = set.Build(
            $"jittered, edge-bent lattice cells of {layout.CellSize:0} m (turned {FarmlandLayout.Rotation:0.00} rad), " +
            $"with {FarmlandLayout.RoadWidth:0} m road gaps every {layout.Grid.BlockCells} cells, village sites and a fractal " +
            "land-use mask left out; clipped to the city and kept out of STBHHX, CZKFBJ, LX, LVX, ZX and HX except the deliberate conflicts");
        result.Metadata["cellSize"] = layout.CellSize.ToString("0.0", CultureInfo.InvariantCulture);
        foreach (var (layer, list) in conflicts)
        {
            result.Metadata[$"{ConflictMetadataPrefix}{layer}"] = list.Count.ToString(CultureInfo.InvariantCulture);
            result.Metadata[$"{ConflictMetadataPrefix}{layer}.DKBH"] = string.Join(",", list);
        }
        return result;
    }
}
