using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// One plan prepared for the overlay, in flat arrays by feature ordinal (the input order): the polygonal content of
/// each feature (null when it has none: skipped), its planar area and box, its class (name id shared by both sides, so
/// agreement is an integer comparison), its value as text, and its shape fingerprint.
/// </summary>
internal sealed class PlanSide
{
    private PlanSide(string label, PlanLayer layer, int count)
    {
        Label = label;
        Layer = layer;
        Features = layer.Features;
        Shape = new Geometry?[count];
        Area = new double[count];
        Box = new double[count * 4];
        Class = new LandUseClass[count];
        ClassId = new int[count];
        Value = new string?[count];
        Hash = new ulong[count];
    }

    public string Label { get; }
    public PlanLayer Layer { get; }
    public IReadOnlyList<ControlFeature> Features { get; }
    public Geometry?[] Shape { get; }
    public double[] Area { get; }
    public double[] Box { get; }
    public LandUseClass[] Class { get; }
    public int[] ClassId { get; }
    public string?[] Value { get; }
    public ulong[] Hash { get; }
    public int Count => Shape.Length;
    public int Skipped { get; private set; }
    public double TotalArea { get; private set; }
    public List<UnclassifiedValue> Unclassified { get; } = [];

    public static PlanSide Build(string label, PlanLayer layer, Dictionary<string, int> classIds, ParallelOptions parallel,
        ProgressMeter meter, List<string> notes)
    {
        var side = new PlanSide(label, layer, layer.Features.Count);
        var classification = layer.Classification;
        Parallel.For(0, side.Count, parallel, i =>
        {
            var feature = layer.Features[i];
            var value = feature.Attributes.GetValueOrDefault(layer.Field);
            var text = ValueText.Of(value);
            side.Value[i] = text;
            side.Class[i] = classification.ClassifyText(text);
            var shape = feature.Geometry is null ? null : ControlLayerIndex.Polygonal(feature.Geometry);
            if (shape is not null)
            {
                side.Shape[i] = shape;
                side.Area[i] = shape.Area;
                var env = shape.EnvelopeInternal;
                side.Box[i * 4] = env.MinX;
                side.Box[i * 4 + 1] = env.MinY;
                side.Box[i * 4 + 2] = env.MaxX;
                side.Box[i * 4 + 3] = env.MaxY;
                side.Hash[i] = ShapeFingerprint.Hash(shape);
            }
            if ((i & 1023) == 0) meter.Step(1024);
        });

        // Sequential: ids, sums and notes in input order, so results do not depend on scheduling.
        var unclassified = new Dictionary<string, int>(StringComparer.Ordinal);
        var skippedIds = new List<long>();
        var total = 0.0;
        for (var i = 0; i < side.Count; i++)
        {
            var name = side.Class[i].Name;
            if (!classIds.TryGetValue(name, out var id)) classIds[name] = id = classIds.Count;
            side.ClassId[i] = id;
            if (classification.IsUnclassified(side.Class[i]))
                unclassified[side.Value[i] ?? ""] = unclassified.GetValueOrDefault(side.Value[i] ?? "") + 1;
            if (side.Shape[i] is null) skippedIds.Add(layer.Features[i].Id);
            else total += side.Area[i];
        }
        side.TotalArea = total;
        side.Skipped = skippedIds.Count;
        foreach (var (value, count) in unclassified.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal))
            side.Unclassified.Add(new UnclassifiedValue(label, value.Length == 0 ? null : value, count));
        if (skippedIds.Count > 0)
            notes.Add($"plan {label} ({layer.Name}): {skippedIds.Count} feature(s) without area skipped (ids {Ids(skippedIds)})");
        if (side.Unclassified.Count > 0)
            notes.Add($"plan {label} ({layer.Name}): {side.Unclassified.Sum(u => u.Features)} feature(s) have values the classification " +
                $"'{classification.Name}' does not know (class {LandUseClassification.UnclassifiedName}): " +
                string.Join(", ", side.Unclassified.Take(10).Select(u => $"'{u.Value ?? "(空)"}' ×{u.Features}")) + (side.Unclassified.Count > 10 ? ", …" : ""));
        return side;
    }

    public static string Ids(IReadOnlyCollection<long> ids) =>
        string.Join(", ", ids.Take(10).Select(id => id.ToString(CultureInfo.InvariantCulture))) + (ids.Count > 10 ? ", …" : "");
}
