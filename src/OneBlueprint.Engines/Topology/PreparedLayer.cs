using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// A layer made ready for analysis, once: each feature's validity judged (IsValidOp), the polygonal geometry to
/// analyse — the feature's own, or a repaired copy (<see cref="GeometryValidator.Repair"/>) when it is invalid,
/// because overlay on invalid input gives undefined areas — and an STRtree of feature indexes by envelope.
/// Features that are empty or have no polygonal part are left out (<see cref="Analysed"/> null) with a note.
/// Built in parallel; the same input gives the same index.
/// </summary>
internal sealed class PreparedLayer
{
    private PreparedLayer(TopologyLayer layer, Geometry?[] analysed, InvalidGeometry?[] invalid, STRtree<int> tree, List<string> notes)
    {
        Layer = layer;
        Analysed = analysed;
        Invalid = invalid;
        Tree = tree;
        Notes = notes;
    }

    public TopologyLayer Layer { get; }
    public Geometry?[] Analysed { get; }
    public InvalidGeometry?[] Invalid { get; }
    public STRtree<int> Tree { get; }
    public List<string> Notes { get; }
    public int Count => Analysed.Length;

    public TopologyFeatureRef Ref(int i)
    {
        var f = Layer.Features[i];
        return new TopologyFeatureRef(Layer.Code, f.Id, f.Name);
    }

    public static PreparedLayer Build(TopologyLayer layer, int parallelism, IProgress<double>? progress, CancellationToken ct)
    {
        var n = layer.Features.Count;
        var analysed = new Geometry?[n];
        var invalid = new InvalidGeometry?[n];
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, i =>
        {
            var polygonal = Polygonal(layer.Features[i].Geometry);
            if (polygonal is not null)
            {
                invalid[i] = InvalidGeometry.Of(layer.Features[i].Geometry);
                if (invalid[i] is not null)
                {
                    var repaired = GeometryValidator.Repair(polygonal);
                    polygonal = repaired.IsEmpty ? null : repaired;
                }
            }
            analysed[i] = polygonal;
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d & 255) == 0) progress.Report((double)d / n);
        });

        var tree = new STRtree<int>();
        var notes = new List<string>();
        var skipped = new List<string>();
        for (var i = 0; i < n; i++)
        {
            if (analysed[i] is { } g) tree.Insert(g.EnvelopeInternal, i);
            else skipped.Add(layer.Features[i].Id);
        }
        tree.Build();
        var repairedCount = invalid.Count(e => e is not null);
        if (repairedCount > 0)
            notes.Add($"{layer.Code}: {repairedCount} invalid feature(s) analysed as repaired (NetTopologySuite GeometryFixer, as `ob import --repair` would store them); their overlaps and gaps are those of the repaired shapes.");
        if (skipped.Count > 0)
            notes.Add($"{layer.Code}: {skipped.Count} feature(s) without area left out (empty or not polygons): {string.Join(", ", skipped.Take(10))}{(skipped.Count > 10 ? ", …" : "")}.");
        progress?.Report(1.0);
        return new PreparedLayer(layer, analysed, invalid, tree, notes);
    }

    /// <summary>The polygonal part of a geometry (null when it has none), as a Polygon or MultiPolygon.</summary>
    public static Geometry? Polygonal(Geometry g)
    {
        if (g.IsEmpty) return null;
        if (g is Polygon or MultiPolygon) return g;
        var polygons = PolygonExtracter.GetPolygons(g).Cast<Polygon>().Where(p => !p.IsEmpty).ToArray();
        return polygons.Length switch
        {
            0 => null,
            1 => polygons[0],
            _ => g.Factory.CreateMultiPolygon(polygons),
        };
    }
}
