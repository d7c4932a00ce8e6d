using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Discrepancy;

/// <summary>
/// A revised copy made the simple way, with what each change should do to the areas computed independently of the
/// engine (plain NTS areas and buffers): every 50th feature dropped, every 37th reclassified, every 41st shrunk by 0.5 m
/// (a strip only in A), every 43rd shrunk by 4 cm (a sliver strip), every 47th split in two, every 53rd merged with the
/// next one. Shrinking, splitting and merging keep the copy a coverage.
/// </summary>
public sealed class TestRevision
{
    public List<ControlFeature> Features { get; } = [];
    public double DroppedArea { get; private set; }
    public double ShrunkArea { get; private set; }
    public double SliverArea { get; private set; }
    public int SliverStrips { get; private set; }
    public double ReclassifiedArea { get; private set; }
    public double MergedAcrossClassesArea { get; private set; }
    public List<long> Dropped { get; } = [];

    /// <summary>The revised copy; reclassified features get <paramref name="other"/> (default: 0102 ↔ 0103, the demo's DLBM codes).</summary>
    public static TestRevision Of(IReadOnlyList<ControlFeature> source, string field, Func<object?, object?>? other = null)
    {
        other ??= v => v as string == "0102" ? "0103" : "0102";
        var r = new TestRevision();
        var nextId = source.Max(f => f.Id) + 1;
        for (var i = 0; i < source.Count; i++)
        {
            var f = source[i];
            var g = f.Geometry;
            if (i % 50 == 7)
            {
                r.Dropped.Add(f.Id);
                r.DroppedArea += g.Area;
            }
            else if (i % 37 == 3)
            {
                r.Features.Add(f with { Attributes = With(f.Attributes, field, other(f.Attributes[field])) });
                r.ReclassifiedArea += g.Area;
            }
            else if (i % 41 == 5 && g.Buffer(-0.5) is Polygon shrunk && !shrunk.IsEmpty)
            {
                r.Features.Add(f with { Geometry = shrunk });
                r.ShrunkArea += g.Area - shrunk.Area;
            }
            else if (i % 43 == 11 && g.Buffer(-0.04) is Polygon thin && !thin.IsEmpty)
            {
                r.Features.Add(f with { Geometry = thin });
                r.SliverArea += g.Area - thin.Area;
                r.SliverStrips++;
            }
            else if (i % 47 == 13 && Halves(g) is { } halves)
            {
                foreach (var half in halves) r.Features.Add(new ControlFeature(nextId++, half, f.Attributes));
            }
            else if (i % 53 == 17 && i + 1 < source.Count && Merge(g, source[i + 1].Geometry) is { } merged)
            {
                r.Features.Add(f with { Geometry = merged });
                if (!Equals(f.Attributes[field], source[i + 1].Attributes[field])) r.MergedAcrossClassesArea += source[i + 1].Geometry.Area;
                i++; // the next one is inside the merge
            }
            else r.Features.Add(f);
        }
        return r;
    }

    private static Dictionary<string, object?> With(IReadOnlyDictionary<string, object?> attributes, string field, object? value)
    {
        var copy = attributes.ToDictionary(kv => kv.Key, kv => kv.Value);
        copy[field] = value;
        return copy;
    }

    /// <summary>Cut by the vertical line through the centre of the box (both halves share the cut edge).</summary>
    private static Geometry[]? Halves(Geometry g)
    {
        var e = g.EnvelopeInternal;
        var x = (e.MinX + e.MaxX) / 2;
        var f = g.Factory;
        var left = OverlayNGRobust.Overlay(g, f.ToGeometry(new Envelope(e.MinX - 1, x, e.MinY - 1, e.MaxY + 1)), SpatialFunction.Intersection);
        var right = OverlayNGRobust.Overlay(g, f.ToGeometry(new Envelope(x, e.MaxX + 1, e.MinY - 1, e.MaxY + 1)), SpatialFunction.Intersection);
        return left is Polygon && right is Polygon ? [left, right] : null;
    }

    /// <summary>The union when the two share an edge (one polygon, no area lost), else null.</summary>
    private static Geometry? Merge(Geometry a, Geometry b)
    {
        var union = OverlayNGRobust.Overlay(a, b, SpatialFunction.Union);
        return union is Polygon && Math.Abs(union.Area - a.Area - b.Area) < 1e-9 * union.Area ? union : null;
    }
}
