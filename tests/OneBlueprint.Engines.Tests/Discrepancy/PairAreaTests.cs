using System.Xml.Linq;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.Engines.Discrepancy.Overlay;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Discrepancy;

/// <summary>
/// The exact pair area against OverlayNG's intersection area: hand-made degenerate cases (shared edges both ways, a
/// vertex on an edge, holes), the JTS overlay suites (real GEOS/JTS bug cases) and every neighbouring pair of the demo
/// farmland against its revised copy. Where it answers (not NaN), it must agree.
/// </summary>
[Collection(DemoFarmlandCollection.Name)]
public sealed class PairAreaTests(DemoFarmland demo)
{
    private static double Exact(Geometry a, Geometry b) => PairArea.Of(new PlanRings([a]), 0, new PlanRings([b]), 0);

    private static double Overlay(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection).Area;

    [Theory]
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", 100)]            // identical
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 10, 10 10, 10 0, 0 0, 0 10))", 100)]            // identical, reversed and rotated
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 0, 5 0, 5 10, 0 10, 0 0))", 50)]                 // half inside, two shared edges
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))", 0)]             // neighbours sharing an edge
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((10 5, 20 5, 20 15, 10 15, 10 5))", 0)]             // sharing part of an edge
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((5 5, 15 5, 15 15, 5 15, 5 5))", 25)]               // plain crossing
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((5 0, 15 0, 15 10, 5 10, 5 0))", 50)]               // collinear overlaps, same way
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((10 5, 15 0, 15 10, 10 5))", 0)]                    // vertex on an edge, outside
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((10 5, 5 0, 5 10, 10 5))", 25)]                     // vertex on an edge, inside
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", "POLYGON((2 2, 8 2, 8 8, 2 8, 2 2))", 0)] // filling the hole
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", 64)]
    [InlineData("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", "POLYGON((2 0, 8 0, 8 2, 2 2, 2 0))", 12)] // strip along the hole
    [InlineData("MULTIPOLYGON(((0 0, 4 0, 4 4, 0 4, 0 0)), ((6 0, 10 0, 10 4, 6 4, 6 0)))", "POLYGON((2 0, 8 0, 8 4, 2 4, 2 0))", 16)]
    public void Of_DegenerateContact_GivesTheExactArea(string a, string b, double expected)
    {
        var ga = Offset(Wkt(a));
        var gb = Offset(Wkt(b));
        Assert.Equal(expected, Exact(ga, gb), 6);
        Assert.Equal(expected, Exact(gb, ga), 6);
        Assert.Equal(Overlay(ga, gb), Exact(ga, gb), 6);
    }

    [Fact]
    public void Of_JtsOverlaySuites_AgreesWithOverlayNgWhereItAnswers()
    {
        var wkt = new WKTReader(GeometryKit.Services);
        var failures = new List<string>();
        int decided = 0, undecided = 0;
        foreach (var folder in new[] { "general", "robust-overlay" })
        foreach (var path in Directory.GetFiles(Path.Combine("/work/shared/data/jts-xml", folder), "*.xml").Order())
        foreach (var (element, number) in XDocument.Load(path).Descendants("case").Select((e, i) => (e, i + 1)))
        {
            var ta = element.Element("a")?.Value.Trim();
            var tb = element.Element("b")?.Value.Trim();
            if (ta is null || tb is null || !ta.Contains('(') || !tb.Contains('(')) continue;
            Geometry a, b;
            try { (a, b) = (wkt.Read(ta), wkt.Read(tb)); }
            catch (ParseException) { continue; }
            if (a is not (Polygon or MultiPolygon) || b is not (Polygon or MultiPolygon) || a.IsEmpty || b.IsEmpty || !a.IsValid || !b.IsValid) continue;
            double reference;
            try { reference = Overlay(a, b); }
            catch (Exception) { continue; }
            foreach (var (x, y, way) in new[] { (a, b, "a∩b"), (b, a, "b∩a") })
            {
                var area = Exact(x, y);
                if (double.IsNaN(area)) { undecided++; continue; }
                decided++;
                var scale = Math.Max(a.Area, b.Area);
                if (Math.Abs(area - reference) > 1e-7 * scale + 1e-9)
                    failures.Add($"{folder}/{Path.GetFileName(path)} #{number} {way}: exact {area:R}, OverlayNG {reference:R}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(decided > 100, $"only {decided} answers ({undecided} left to OverlayNG)");
    }

    [Fact]
    public void Of_DemoFarmlandAgainstRevisedCopy_AgreesWithOverlayNgOnEveryNeighbouringPair()
    {
        var revision = TestRevision.Of(demo.Farmland, "DLBM");
        var originals = demo.Farmland.Select(f => f.Geometry).ToArray();
        var revised = revision.Features.Select(f => f.Geometry).ToArray();
        var tree = new STRtree<int>();
        for (var i = 0; i < originals.Length; i++) tree.Insert(originals[i].EnvelopeInternal, i);
        var ringsA = new PlanRings(originals);
        var ringsB = new PlanRings(revised);
        int pairs = 0, undecided = 0, overlapping = 0;
        var failures = new List<string>();
        for (var k = 0; k < revised.Length; k++)
        {
            foreach (var i in tree.Query(revised[k].EnvelopeInternal))
            {
                pairs++;
                var area = PairArea.Of(ringsA, i, ringsB, k);
                if (double.IsNaN(area)) { undecided++; continue; }
                var reference = Overlay(originals[i], revised[k]);
                if (reference > 0) overlapping++;
                if (Math.Abs(area - reference) > 1e-9 * originals[i].Area + 1e-9)
                    failures.Add($"original {i} × revised {k}: exact {area:R}, OverlayNG {reference:R}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {pairs}:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(pairs > 5_000 && overlapping > 1_000, $"{pairs} pairs, {overlapping} overlapping");
        // Split parts cut an edge at a rounded point a hair off the original edge: those few go to OverlayNG.
        Assert.True(undecided < pairs / 20, $"{undecided} of {pairs} pairs left to OverlayNG");
    }

    private static Geometry Offset(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new OffsetFilter());
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>To Gauss-Krüger magnitudes, where rounding is what it is in real data.</summary>
    private sealed class OffsetFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, seq.GetX(i) + X0);
            seq.SetY(i, seq.GetY(i) + Y0);
        }
    }
}
