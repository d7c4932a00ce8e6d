using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// A deterministic "revised version" of a plan layer (a coverage), as a plan revision would leave it: most features
/// copied unchanged, and a few percent each with an edge moved, merged with a neighbour, split in two, reclassified or
/// missing. The copy stays a coverage: a moved edge moves the vertices it shares with neighbours too, and a move that
/// would make features overlap (or invalid) is not made.
/// <para>
/// Every source feature draws its change from one seeded <see cref="Random"/> in input order, then the changes are made
/// phase by phase (missing and reclassified; merges; splits; moves), each in input order — the same source, seed and
/// fractions give the same copy.
/// </para>
/// </summary>
public sealed class RevisedCopyGenerator(int seed, double moved = 0.03, double merged = 0.02, double split = 0.02,
    double missing = 0.02, double reclassified = 0.03)
{
    public const double MinShiftM = 0.5, MaxShiftM = 3.0;

    private sealed class Item(long id, Geometry geometry, string? value, RevisionChange change)
    {
        public long Id = id;
        public Geometry Geometry = geometry;
        public string? Value = value;
        public RevisionChange Change = change;
        public bool Locked;
        public bool Removed;
    }

    private enum Plan { None, Missing, Reclassify, Merge, Split, Move }

    public (IReadOnlyList<RevisedPatch> Patches, RevisionSummary Summary) Revise(IReadOnlyList<SourcePatch> source, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var plans = new Plan[source.Count];
        var angles = new double[source.Count];
        var shifts = new double[source.Count];
        var picks = new double[source.Count];
        foreach (var i in Enumerable.Range(0, source.Count))
        {
            var u = random.NextDouble();
            plans[i] = (u -= missing) < 0 ? Plan.Missing
                : (u -= reclassified) < 0 ? Plan.Reclassify
                : (u -= merged) < 0 ? Plan.Merge
                : (u -= split) < 0 ? Plan.Split
                : (u - moved) < 0 ? Plan.Move
                : Plan.None;
            angles[i] = random.NextDouble() * 2 * Math.PI;
            shifts[i] = MinShiftM + random.NextDouble() * (MaxShiftM - MinShiftM);
            picks[i] = random.NextDouble();
        }
        var values = source.Select(s => s.Value).Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).ToArray();
        var items = source.Select(s => new Item(s.Id, s.Geometry, s.Value, RevisionChange.Unchanged)).ToList();
        var nextId = source.Count == 0 ? 1 : source.Max(s => s.Id) + 1;
        int missingCount = 0, reclassifiedCount = 0, mergedCount = 0, splitCount = 0, movedCount = 0, neighbours = 0;

        for (var i = 0; i < items.Count; i++)
        {
            if (plans[i] == Plan.Missing) { items[i].Removed = items[i].Locked = true; missingCount++; }
            else if (plans[i] == Plan.Reclassify && values.Length > 1)
            {
                var other = values.Where(v => v != items[i].Value).ToArray();
                items[i].Value = other[(int)(picks[i] * other.Length) % other.Length];
                items[i].Change = RevisionChange.Reclassified;
                items[i].Locked = true;
                reclassifiedCount++;
            }
        }

        var tree = new STRtree<int>();
        for (var i = 0; i < items.Count; i++) tree.Insert(items[i].Geometry.EnvelopeInternal, i);
        tree.Build();
        for (var i = 0; i < items.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (plans[i] != Plan.Merge || items[i].Locked) continue;
            var a = items[i].Geometry;
            foreach (var j in tree.Query(a.EnvelopeInternal).Order())
            {
                if (j == i || items[j].Locked) continue;
                var b = items[j].Geometry;
                if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal)) continue;
                Geometry union;
                try { union = OverlayNGRobust.Overlay(a, b, SpatialFunction.Union); }
                catch (Exception e) when (e is not OutOfMemoryException) { continue; }
                // A shared edge dissolves into one polygon; a touch at a point or a gap would not.
                if (union is not Polygon || Math.Abs(union.Area - a.Area - b.Area) > 1e-9 * (a.Area + b.Area)) continue;
                items[i].Geometry = union;
                items[i].Change = RevisionChange.Merged;
                items[i].Locked = items[j].Locked = items[j].Removed = true;
                mergedCount++;
                break;
            }
        }

        var result = new List<Item>(items.Count + 1024);
        for (var i = 0; i < items.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var item = items[i];
            if (item.Removed) continue;
            if (plans[i] == Plan.Split && !item.Locked && Split(item.Geometry, angles[i]) is { } parts)
            {
                foreach (var part in parts)
                    result.Add(new Item(nextId++, part, item.Value, RevisionChange.SplitPart) { Locked = true });
                splitCount++;
                continue;
            }
            result.Add(item);
        }

        // Moves on the current features: a fresh tree, boxes widened by the largest shift as geometries move.
        var current = new STRtree<int>();
        for (var k = 0; k < result.Count; k++) current.Insert(result[k].Geometry.EnvelopeInternal, k);
        current.Build();
        var position = new Dictionary<Item, int>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < result.Count; k++) position[result[k]] = k;
        for (var i = 0; i < items.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (plans[i] != Plan.Move || items[i].Locked || items[i].Removed || items[i].Geometry is not Polygon polygon) continue;
            var shell = polygon.ExteriorRing.Coordinates;
            var v = (int)(picks[i] * (shell.Length - 1)) % (shell.Length - 1);
            var p = shell[v];
            var q = shell[v + 1];
            var shift = new Coordinate(Math.Cos(angles[i]) * shifts[i], Math.Sin(angles[i]) * shifts[i]);
            var moved = Move(result, current, position[items[i]], p, q, shift);
            if (moved is null) continue;
            foreach (var (k, geometry) in moved)
            {
                result[k].Geometry = geometry;
                result[k].Locked = true;
                result[k].Change = ReferenceEquals(result[k], items[i]) ? RevisionChange.EdgeMoved : RevisionChange.NeighbourMoved;
                if (!ReferenceEquals(result[k], items[i])) neighbours++;
            }
            movedCount++;
        }

        var patches = result.Select(r => new RevisedPatch(r.Id, r.Geometry, r.Value, r.Change)).ToArray();
        var summary = new RevisionSummary(source.Count, patches.Length, patches.Count(p => p.Change == RevisionChange.Unchanged), movedCount, neighbours,
            mergedCount, mergedCount, splitCount, missingCount, reclassifiedCount);
        return (patches, summary);
    }

    /// <summary>The polygon cut by the line through its centroid at <paramref name="angle"/>: two polygons of ≥ 10 % each, or null.</summary>
    private static Geometry[]? Split(Geometry geometry, double angle)
    {
        if (geometry is not Polygon) return null;
        var c = geometry.Centroid.Coordinate;
        var env = geometry.EnvelopeInternal;
        var l = 2 * Math.Sqrt(env.Width * env.Width + env.Height * env.Height) + 1;
        double dx = Math.Cos(angle) * l, dy = Math.Sin(angle) * l;
        var f = geometry.Factory;
        // Both halves start with the same cut segment in the same direction, so both overlays compute the same nodes.
        Polygon Half(double side) => f.CreatePolygon(
        [
            new Coordinate(c.X - dx, c.Y - dy), new Coordinate(c.X + dx, c.Y + dy),
            new Coordinate(c.X + dx - side * dy, c.Y + dy + side * dx), new Coordinate(c.X - dx - side * dy, c.Y - dy + side * dx),
            new Coordinate(c.X - dx, c.Y - dy),
        ]);
        try
        {
            var left = OverlayNGRobust.Overlay(geometry, Half(1), SpatialFunction.Intersection);
            var right = OverlayNGRobust.Overlay(geometry, Half(-1), SpatialFunction.Intersection);
            if (left is not Polygon || right is not Polygon) return null;
            if (left.Area < 0.1 * geometry.Area || right.Area < 0.1 * geometry.Area) return null;
            return [left, right];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves vertices <paramref name="p"/> and <paramref name="q"/> by <paramref name="shift"/> in every current feature that
    /// has them; null when a feature that has them is locked, a moved feature becomes invalid, or it would overlap another.
    /// </summary>
    private static List<(int Index, Geometry Geometry)>? Move(List<Item> items, STRtree<int> tree, int self, Coordinate p, Coordinate q, Coordinate shift)
    {
        var probe = new Envelope(p, q);
        probe.ExpandBy(MaxShiftM + 0.01);
        var moved = new List<(int, Geometry)>();
        foreach (var k in tree.Query(probe).Order())
        {
            var item = items[k];
            if (!HasVertex(item.Geometry, p) && !HasVertex(item.Geometry, q)) continue;
            if (item.Locked && k != self) return null;
            var copy = item.Geometry.Copy();
            copy.Apply(new ShiftFilter(p, q, shift));
            copy.GeometryChanged();
            if (!copy.IsValid) return null;
            moved.Add((k, copy));
        }
        if (!moved.Any(m => m.Item1 == self)) return null;

        foreach (var (k, geometry) in moved)
        {
            var box = geometry.EnvelopeInternal.Copy();
            box.ExpandBy(MaxShiftM);
            foreach (var other in tree.Query(box))
            {
                if (other == k || items[other].Removed) continue;
                var otherGeometry = moved.FirstOrDefault(m => m.Item1 == other).Item2 ?? items[other].Geometry;
                if (!otherGeometry.EnvelopeInternal.Intersects(geometry.EnvelopeInternal)) continue;
                try
                {
                    if (OverlayNGRobust.Overlay(geometry, otherGeometry, SpatialFunction.Intersection).Area > 1e-6) return null;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return null;
                }
            }
        }
        return moved;
    }

    private static bool HasVertex(Geometry g, Coordinate c)
    {
        foreach (var v in g.Coordinates)
            if (v.X == c.X && v.Y == c.Y) return true;
        return false;
    }

    private sealed class ShiftFilter(Coordinate p, Coordinate q, Coordinate shift) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            double x = seq.GetX(i), y = seq.GetY(i);
            if ((x == p.X && y == p.Y) || (x == q.X && y == q.Y))
            {
                seq.SetX(i, x + shift.X);
                seq.SetY(i, y + shift.Y);
            }
        }
    }
}
