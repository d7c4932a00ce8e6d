using System.Xml.Linq;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Tests.Compliance.Overlap;

public class RingSetValidityTests
{
    [Fact]
    public void IsCertainlyValid_JtsValiditySuite_NeverCallsAnInvalidGeometryValid()
    {
        var reader = new WKTReader(GeometryKit.Services);
        var falseValid = new List<string>();
        int proven = 0, valid = 0;
        foreach (var path in Directory.GetFiles("/work/shared/data/jts-xml/validate", "*.xml").Order())
        {
            var number = 0;
            foreach (var element in XDocument.Load(path).Descendants("case"))
            {
                number++;
                Geometry geometry;
                try
                {
                    geometry = reader.Read(element.Element("a")!.Value.Trim());
                }
                catch (Exception)
                {
                    continue;
                }
                if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty) continue;
                var polygonal = ControlLayerIndex.Polygonal(geometry);
                if (polygonal is null) continue;
                var isValid = new IsValidOp(polygonal).IsValid;
                var certain = RingSetValidity.IsCertainlyValid(new RedLineShape(polygonal), new KernelWorkspace());
                if (isValid) valid++;
                if (certain) proven++;
                if (certain && !isValid) falseValid.Add($"{Path.GetFileName(path)} #{number}");
            }
        }
        Assert.True(falseValid.Count == 0, "called valid but invalid: " + string.Join(", ", falseValid));
        Assert.True(valid > 100 && proven > valid / 3, $"proved {proven} of {valid} valid polygonal cases");
    }

    [Fact]
    public void IsCertainlyValid_RandomRedLines_AreProven()
    {
        var random = new Random(8);
        for (var i = 0; i < 300; i++)
        {
            var geometry = SyntheticBlueprint.RedLine(random, Shapes.X0, Shapes.Y0);
            Assert.True(geometry.IsValid);
            Assert.True(RingSetValidity.IsCertainlyValid(new RedLineShape(geometry), new KernelWorkspace()), $"red line {i} not proven valid");
        }
    }
}
