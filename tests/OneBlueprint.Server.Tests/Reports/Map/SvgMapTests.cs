using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Reports.Map;
using OneBlueprint.Server.Tests.Reports.Support;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Reports.Map;

public class SvgMapTests
{
    private static readonly string Svg = SvgMap.Render(ReportSample.Model());
    private static readonly XElement Root = XElement.Parse(Svg);
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static IEnumerable<XElement> Paths(string cssClass) =>
        Root.Descendants(Ns + "path").Where(p => (string?)p.Attribute("class") == cssClass);

    /// <summary>The rings of a path as lists of points (the writer uses only M, L, implicit L and Z).</summary>
    private static List<List<(double X, double Y)>> Rings(string d) =>
        d.Split('M', StringSplitOptions.RemoveEmptyEntries)
            .Select(ring => ring.Replace("Z", "").Replace("L", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(','))
                .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
                .ToList())
            .ToList();

    private static (double MinX, double MinY, double MaxX, double MaxY) Box(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        return (list.Min(p => p.X), list.Min(p => p.Y), list.Max(p => p.X), list.Max(p => p.Y));
    }

    private static double[] Extent() =>
        ((string)Root.Attribute("data-extent")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static XElement FrameRect() => Root.Descendants(Ns + "clipPath").Single().Element(Ns + "rect")!;

    private static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void SvgMap_IsWellFormedXml()
    {
        Assert.Equal("svg", Root.Name.LocalName);
        Assert.Equal("4547", (string?)Root.Attribute("data-srid"));
    }

    [Fact]
    public void SvgMap_RedLineKeepsItsShapeWithNorthUp()
    {
        var redLine = Assert.Single(Paths("red-line"));
        Assert.Equal(SvgMap.RedLineColour, (string?)redLine.Attribute("stroke"));
        var rings = Rings((string)redLine.Attribute("d")!);
        Assert.Equal(2, rings.Count); // shell and hole
        var shell = Box(rings[0]);
        var hole = Box(rings[1]);
        // A 250 m square stays square: one scale for x and y.
        Assert.Equal(shell.MaxX - shell.MinX, shell.MaxY - shell.MinY, 0.2);
        // The hole (150..200 east, 250..300 north) is 50/250 of the side wide, left of centre and ABOVE it (y flipped).
        Assert.Equal(0.2, (hole.MaxX - hole.MinX) / (shell.MaxX - shell.MinX), 0.002);
        Assert.True(hole.MaxX < (shell.MinX + shell.MaxX) / 2);
        Assert.True(hole.MaxY < (shell.MinY + shell.MaxY) / 2, "north must be up");
        Assert.Equal(0.2, (hole.MinY - shell.MinY) / (shell.MaxY - shell.MinY), 0.002); // 350 − 300 = 50 m below the top
        // The red line is drawn after (above) every layer and highlight.
        var all = Root.Descendants(Ns + "path").ToList();
        var below = all.Where(p => p.Attribute("data-id") is not null || (string?)p.Attribute("class") == "highlight").Select(p => all.IndexOf(p)).Max();
        Assert.True(all.IndexOf(redLine) > below);
    }

    [Fact]
    public void SvgMap_ExtentHoldsRedLineAndScaleIsUniform()
    {
        var e = Extent();
        Assert.True(e[0] < ReportSample.X0 + 100 && e[2] > ReportSample.X0 + 350);
        Assert.True(e[1] < ReportSample.Y0 + 100 && e[3] > ReportSample.Y0 + 350);
        var frame = FrameRect();
        Assert.Equal((e[2] - e[0]) / (e[3] - e[1]), Attr(frame, "width") / Attr(frame, "height"), 3); // the frame's size is written to 0.1 px

        var shell = Box(Rings((string)Paths("red-line").Single().Attribute("d")!)[0]);
        var pixelsPerMetre = Attr(frame, "width") / (e[2] - e[0]);
        Assert.Equal(250 * pixelsPerMetre, shell.MaxX - shell.MinX, 0.2);
        Assert.Equal(Attr(frame, "x") + (ReportSample.X0 + 100 - e[0]) * pixelsPerMetre, shell.MinX, 0.1);
        Assert.Equal(Attr(frame, "y") + (e[3] - (ReportSample.Y0 + 350)) * pixelsPerMetre, shell.MinY, 0.1);
    }

    [Fact]
    public void SvgMap_CornerCoordinatesAgreeWithCs2cs()
    {
        var e = Extent();
        var labels = Root.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "corners").Elements(Ns + "text").Select(t => t.Value).ToArray();
        Assert.Equal(4, labels.Length);
        (double X, double Y)[] corners = [(e[0], e[3]), (e[2], e[3]), (e[0], e[1]), (e[2], e[1])];
        for (var i = 0; i < 4; i++)
        {
            var (lon, lat) = Proj.Cs2cs(4547, 4490, corners[i].X, corners[i].Y);
            var m = Regex.Match(labels[i], @"(\d+)°(\d+)′([\d.]+)″E\s+(\d+)°(\d+)′([\d.]+)″N");
            Assert.True(m.Success, labels[i]);
            double Deg(int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) + double.Parse(m.Groups[g + 1].Value, CultureInfo.InvariantCulture) / 60
                                 + double.Parse(m.Groups[g + 2].Value, CultureInfo.InvariantCulture) / 3600;
            Assert.Equal(lon, Deg(1), 0.006 / 3600); // labels carry 0.01″
            Assert.Equal(lat, Deg(4), 0.006 / 3600);
        }
    }

    [Fact]
    public void SvgMap_LayersUseTheirStylesAndFeatures()
    {
        var groups = Root.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "layer").ToDictionary(g => (string)g.Attribute("data-layer")!);
        Assert.Equal(["CZKFBJ", "YJJBNTBHTB", "STBHHX", "LX"], groups.Keys); // model order, first at the bottom
        Assert.Equal("#2e7d32", (string?)groups["STBHHX"].Attribute("fill"));
        Assert.Equal("#c62828", (string?)groups["STBHHX"].Attribute("stroke"));
        Assert.Equal("0.35", (string?)groups["STBHHX"].Attribute("fill-opacity"));
        Assert.Equal("8 4", (string?)groups["CZKFBJ"].Attribute("stroke-dasharray"));
        var farmlandIds = groups["YJJBNTBHTB"].Elements(Ns + "path").Select(p => (string)p.Attribute("data-id")!).ToArray();
        Assert.Equal(["101", "102", "103"], farmlandIds);
        Assert.Equal("生态保护红线", groups["STBHHX"].Element(Ns + "title")!.Value);
        // Labels are text, escaped: the markup in DKBH is shown, not interpreted.
        Assert.Contains(Root.Descendants(Ns + "text"), t => t.Value == "<b>JBNT-002</b>");
    }

    [Fact]
    public void SvgMap_HighlightsThePartsBehindEachVerdict()
    {
        var highlights = Paths("highlight").ToDictionary(p => (string)p.Attribute("data-layer")!);
        Assert.Equal(["STBHHX", "YJJBNTBHTB", "CZKFBJ"], highlights.Keys.ToArray());
        Assert.Equal("conflict", (string?)highlights["STBHHX"].Attribute("data-verdict"));
        Assert.Equal("needs approval", (string?)highlights["YJJBNTBHTB"].Attribute("data-verdict"));
        Assert.Equal("url(#obmap-hatch-conflict)", (string?)highlights["STBHHX"].Attribute("fill"));

        var redLine = Box(Rings((string)Paths("red-line").Single().Attribute("d")!)[0]);
        double Side(string code, bool x)
        {
            var box = Box(Rings((string)highlights[code].Attribute("d")!).SelectMany(r => r));
            return x ? (box.MaxX - box.MinX) / (redLine.MaxX - redLine.MinX) : (box.MaxY - box.MinY) / (redLine.MaxY - redLine.MinY);
        }
        // STBHHX: the 50 × 50 corner; CZKFBJ: the strip east of 320 (30 m of 250) over the full height.
        Assert.Equal(0.2, Side("STBHHX", true), 0.002);
        Assert.Equal(0.2, Side("STBHHX", false), 0.002);
        Assert.Equal(0.12, Side("CZKFBJ", true), 0.002);
        Assert.Equal(1.0, Side("CZKFBJ", false), 0.002);
    }

    [Fact]
    public void SvgMap_WithoutStoredGeometryRebuildsHighlightsFromTheMapFeatures()
    {
        var model = ReportSample.Model(includeGeometry: false);
        Assert.Null(model.Result.Layers.Single(l => l.Code == "STBHHX").Parts);
        var root = XElement.Parse(SvgMap.Render(model));
        var layers = root.Descendants(Ns + "path").Where(p => (string?)p.Attribute("class") == "highlight").Select(p => (string)p.Attribute("data-layer")!);
        Assert.Equal(["STBHHX", "YJJBNTBHTB", "CZKFBJ"], layers.ToArray());
    }

    [Fact]
    public void SvgMap_ScaleBarIsARoundLengthDrawnToScale()
    {
        var bar = Root.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "scale-bar");
        var label = bar.Elements(Ns + "text").Last().Value;
        var metres = double.Parse(Regex.Match(label, @"^([\d,]+) m$").Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        var mantissa = metres / Math.Pow(10, Math.Floor(Math.Log10(metres)));
        Assert.Contains(mantissa, new[] { 1.0, 2.0, 5.0 });
        var segments = bar.Elements(Ns + "rect").Skip(1).ToArray(); // the first is the white backing
        Assert.Equal(4, segments.Length);
        var length = segments.Sum(s => Attr(s, "width"));
        var e = Extent();
        Assert.Equal(metres * Attr(FrameRect(), "width") / (e[2] - e[0]), length, 0.3);
    }

    [Fact]
    public void SvgMap_SimplifiesA20000VertexPolygonToThePixelSize()
    {
        // A 20,000-vertex ecological polygon (radius ~160 m, vertices 5 cm apart with sub-pixel noise) on the red line.
        var random = new Random(7);
        var coordinates = new Coordinate[20_001];
        for (var i = 0; i < 20_000; i++)
        {
            var angle = 2 * Math.PI * i / 20_000;
            var r = 160 + 25 * Math.Sin(9 * angle) + 0.05 * (random.NextDouble() - 0.5);
            coordinates[i] = new Coordinate(ReportSample.X0 + 225 + r * Math.Cos(angle), ReportSample.Y0 + 225 + r * Math.Sin(angle));
        }
        coordinates[^1] = coordinates[0].Copy();
        var huge = ReportSample.Factory.CreatePolygon(coordinates);
        var model = ReportSample.Model(extraEcological: [new ControlFeature(299, huge)]);
        var svg = SvgMap.Render(model);

        var path = XElement.Parse(svg).Descendants(Ns + "path").Single(p => (string?)p.Attribute("data-id") == "299");
        var vertices = Rings((string)path.Attribute("d")!).Sum(r => r.Count);
        Assert.InRange(vertices, 50, 1_000);
        Assert.True(svg.Length < 120_000, $"SVG is {svg.Length} characters");
    }
}
