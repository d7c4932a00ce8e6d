using System.Xml.Linq;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

/// <summary>No exception escapes, whatever the geometry: the JTS overlay suites and the real, partly invalid, Henan counties.</summary>
public class RobustnessTests
{
    private const string JtsFolder = "/work/shared/data/jts-xml";
    private const string Counties = "/work/shared/data/henan-admin/datav_henan_counties.geojson";

    private sealed record JtsCase(string Name, Geometry A, Geometry B);

    private static List<JtsCase> LoadJtsCases()
    {
        var wkt = new WKTReader(GeometryKit.Services);
        var wkb = new WKBReader(GeometryKit.Services);
        Geometry Read(string text)
        {
            text = text.Trim();
            var g = text.Length > 0 && Uri.IsHexDigit(text[0]) && !text.Contains('(') ? wkb.Read(WKBReader.HexToBytes(text)) : wkt.Read(text);
            g.SRID = Srid;
            return g;
        }
        var cases = new List<JtsCase>();
        foreach (var folder in new[] { "general", "robust-overlay" })
        foreach (var path in Directory.GetFiles(Path.Combine(JtsFolder, folder), "*.xml").Order())
        {
            var number = 0;
            foreach (var element in XDocument.Load(path).Descendants("case"))
            {
                number++;
                var a = element.Element("a")?.Value;
                var b = element.Element("b")?.Value;
                if (a is null || b is null) continue;
                cases.Add(new JtsCase($"{folder}/{Path.GetFileName(path)} #{number}", Read(a), Read(b)));
            }
        }
        return cases;
    }

    [Fact]
    public void Check_JtsOverlayCases_BothWaysNoExceptionAndModesAgreeOnValidInput()
    {
        var cases = LoadJtsCases();
        Assert.True(cases.Count > 100, $"only {cases.Count} two-geometry cases read");
        var failures = new List<string>();
        var areal = 0;
        var hardPairs = 0;
        foreach (var c in cases)
        foreach (var (redGeometry, controlGeometry, way) in new[] { (c.A, c.B, "a→b"), (c.B, c.A, "b→a") })
        {
            try
            {
                var layer = ControlLayerIndex.Build("STBHHX", 1, Srid, [new ControlFeature(1, controlGeometry)], new ControlLayerIndexOptions { MaxPieceVertices = 32 });
                var redLine = RedLine.Create(redGeometry, Srid);
                var snapshot = TestEngines.Snapshot(layer);
                var fast = TestEngines.Fast.Check(redLine, new ComplianceRequest(), snapshot).Layers[0];
                var plain = TestEngines.Plain.Check(redLine, new ComplianceRequest(), snapshot).Layers[0];
                TestEngines.Fast.Check(redLine, new ComplianceRequest { IncludeGeometry = true }, snapshot);
                if (redLine.AreaM2 > 0 && layer.PieceCount > 0) areal++;
                var bothValid = !redLine.WasRepaired && redLine.Notes.Count == 0 && layer.InvalidFeatureCount == 0;
                var scale = Math.Max(redLine.AreaM2, controlGeometry.Area);
                // Where floating-point overlay itself fails (the point of these GEOS/JTS bug cases), OverlayNGRobust
                // answers after snapping, so the two only agree to the snapping tolerance.
                var hard = FloatingOverlayFails(redLine.Geometry, controlGeometry);
                if (hard) hardPairs++;
                if (bothValid && Math.Abs(fast.OverlapAreaM2 - plain.OverlapAreaM2) > (hard ? 1e-7 : 1e-9) * scale)
                    failures.Add($"{c.Name} {way}: fast {fast.OverlapAreaM2} plain {plain.OverlapAreaM2}");
            }
            catch (Exception e)
            {
                failures.Add($"{c.Name} {way}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
        Assert.True(areal > 100, $"only {areal} areal pairs exercised");
    }

    private static bool FloatingOverlayFails(Geometry a, Geometry b)
    {
        try
        {
            NetTopologySuite.Operation.OverlayNG.OverlayNG.Overlay(a, b, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
            return false;
        }
        catch (Exception)
        {
            return true;
        }
    }

    private static List<ControlFeature> CountyFeatures()
    {
        // DataV boundaries are GCJ-02; the ~500 m shift does not matter here, so they are taken as CGCS2000 lon/lat.
        var set = new GeoJsonFormat().Read(Counties);
        Assert.Equal(CrsCatalog.Cgcs2000, set.Srid);
        var projected = set.ReprojectTo(Srid);
        return projected.Features.Select((f, i) => new ControlFeature(i + 1, f.Geometry, f.Attributes)).ToList();
    }

    [Fact]
    public void Check_RealInvalidCountyPolygonsAsControlLayer_NoExceptionAndModesAgree()
    {
        var features = CountyFeatures();
        var layer = TestEngines.Layer("XZQH", features);
        Assert.True(layer.InvalidFeatureCount >= 6, $"expected the known invalid counties, found {layer.InvalidFeatureCount}");

        // Red lines around the vertices of invalid counties (where the self-intersections are), and across the province.
        var random = new Random(17);
        var centres = new List<Coordinate>();
        for (var f = 0; f < layer.Features.Count; f++)
        {
            if (layer.FeatureProblem(f) is null) continue;
            var coordinates = layer.Features[f].Geometry.Coordinates;
            for (var k = 0; k < 40; k++) centres.Add(coordinates[random.Next(coordinates.Length)]);
        }
        var env = new Envelope();
        foreach (var f in features) env.ExpandToInclude(f.Geometry.EnvelopeInternal);
        for (var k = 0; k < 200; k++)
            centres.Add(new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height));

        var failures = new List<string>();
        var overlaps = 0;
        Parallel.For(0, centres.Count, i =>
        {
            var local = new Random(i);
            var geometry = SyntheticBlueprint.RedLine(local, centres[i].X, centres[i].Y);
            if (i % 10 == 0) geometry = Blob(local, centres[i].X, centres[i].Y, 3_000 + local.NextDouble() * 20_000, 300);
            try
            {
                var redLine = RedLine.Create(geometry, Srid);
                var snapshot = TestEngines.Snapshot(layer);
                var fast = TestEngines.Fast.Check(redLine, new ComplianceRequest(), snapshot).Layers[0];
                var plain = TestEngines.Plain.Check(redLine, new ComplianceRequest(), snapshot).Layers[0];
                if (i % 25 == 0) TestEngines.Fast.Check(redLine, new ComplianceRequest { IncludeGeometry = true }, snapshot);
                if (fast.OverlapAreaM2 > 0) Interlocked.Increment(ref overlaps);
                if (Math.Abs(fast.OverlapAreaM2 - plain.OverlapAreaM2) > 1e-9 * redLine.AreaM2)
                    lock (failures) failures.Add($"red line {i}: fast {fast.OverlapAreaM2} plain {plain.OverlapAreaM2}");
            }
            catch (Exception e)
            {
                lock (failures) failures.Add($"red line {i}: {e.GetType().Name}: {e.Message}");
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(overlaps > 200, $"only {overlaps} red lines overlapped a county");
    }

    [Fact]
    public void Check_InvalidCountyOverlapped_IsNotedInTheResult()
    {
        var layer = TestEngines.Layer("XZQH", CountyFeatures());
        var invalid = Enumerable.Range(0, layer.Features.Count).First(f => layer.FeatureProblem(f) is not null);
        var feature = layer.Features[invalid];
        var redLine = RedLine.Create(feature.Geometry.Envelope, Srid); // all of that county and its neighbours
        var result = TestEngines.Fast.Check(redLine, new ComplianceRequest(), TestEngines.Snapshot(layer)).Layers[0];
        Assert.Contains(result.Features, f => f.FeatureId == feature.Id);
        Assert.Contains(result.Notes, n => n.StartsWith($"feature {feature.Id} is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_SelfIntersectingRedLine_IsAnalysedRepairedWithANote()
    {
        var bowTie = Wkt($"POLYGON(({X0} {Y0}, {X0 + 100} {Y0 + 100}, {X0 + 100} {Y0}, {X0} {Y0 + 100}, {X0} {Y0}))");
        var redLine = RedLine.Create(bowTie, Srid);
        Assert.True(redLine.WasRepaired);
        Assert.Contains(redLine.Notes, n => n.Contains("invalid", StringComparison.Ordinal) && n.Contains("repaired", StringComparison.Ordinal));
        Assert.Equal(5000, redLine.AreaM2, 6); // two triangles of 2,500 m²
        var result = TestEngines.Fast.Check(redLine, new ComplianceRequest(), TestEngines.Snapshot(TestEngines.Layer("STBHHX", Square(0, 0, 100))));
        Assert.Equal(5000, result.Layers[0].OverlapAreaM2, 6);
        Assert.True(result.RedLine.Repaired);
        Assert.Equal(redLine.Notes, result.Notes);
    }

    [Fact]
    public void Create_RedLineWithoutArea_GivesEmptyResultNotAnError()
    {
        var line = Wkt($"LINESTRING({X0} {Y0}, {X0 + 100} {Y0})");
        var result = TestEngines.Fast.Check(RedLine.Create(line, Srid), new ComplianceRequest { IncludeGeometry = true },
            TestEngines.Snapshot(TestEngines.Layer("STBHHX", Square(0, -10, 100)), TestEngines.Layer("CZKFBJ", Square(0, -10, 100))));
        Assert.All(result.Layers, l => Assert.Equal(0, l.OverlapAreaM2));
        Assert.Equal(0, result.RedLine.AreaM2);
        Assert.Contains(result.Notes, n => n.Contains("no area", StringComparison.Ordinal));
    }
}
