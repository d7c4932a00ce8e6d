using OneBlueprint.Server.Tests.Support;
using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using OneBlueprint.Server.Tests.Tiles;

namespace OneBlueprint.Server.Tests.Raster;

/// <summary>
/// The WMTS capabilities parse, list every public layer with a version in both matrix sets, and describe
/// levels that match tile maths written here (WMTS 1.0.0 Annex E: 0.28 mm pixels); GDAL's WMTS driver reads them.
/// </summary>
[Collection(RasterCollection.Name)]
public sealed class WmtsCapabilitiesTests(TileServerFixture server)
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    [Theory]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml")]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")]
    [InlineData("/wmts?service=WMTS&request=GetCapabilities&version=1.0.0")]
    public async Task Capabilities_ListPublicLayersInBothSets(string path)
    {
        await RasterLayer.EnsureAsync(server);
        var doc = XDocument.Parse(await server.Client.GetStringAsync(path));
        var layers = doc.Descendants(Wmts + "Layer").ToList();
        var expected = (await server.Store.ListLayersAsync()).Where(l => l.IsPublic && l.CurrentVersionId is not null).Select(l => l.Code).Order();
        Assert.Equal(expected, layers.Select(l => l.Element(Ows + "Identifier")!.Value).Order());
        var hp = layers.Single(l => l.Element(Ows + "Identifier")!.Value == RasterLayer.Code);
        Assert.Equal(["GoogleMapsCompatible", "CGCS2000"], hp.Elements(Wmts + "TileMatrixSetLink").Select(e => e.Element(Wmts + "TileMatrixSet")!.Value));
        Assert.Contains("{TileMatrix}", hp.Element(Wmts + "ResourceURL")!.Attribute("template")!.Value);
        var sets = doc.Root!.Element(Wmts + "Contents")!.Elements(Wmts + "TileMatrixSet").ToDictionary(e => e.Element(Ows + "Identifier")!.Value);
        Assert.Equal("urn:ogc:def:crs:EPSG::3857", sets["GoogleMapsCompatible"].Element(Ows + "SupportedCRS")!.Value);
        Assert.Equal("urn:ogc:def:crs:EPSG::4490", sets["CGCS2000"].Element(Ows + "SupportedCRS")!.Value);
    }

    [Theory]
    [InlineData("GoogleMapsCompatible", 0)]
    [InlineData("GoogleMapsCompatible", 15)]
    [InlineData("CGCS2000", 1)]
    [InlineData("CGCS2000", 12)]
    public async Task TileMatrix_MatchesTileMaths(string set, int level)
    {
        await RasterLayer.EnsureAsync(server);
        var doc = XDocument.Parse(await server.Client.GetStringAsync("/wmts/1.0.0/WMTSCapabilities.xml"));
        var matrix = doc.Root!.Element(Wmts + "Contents")!.Elements(Wmts + "TileMatrixSet").Single(s => s.Element(Ows + "Identifier")!.Value == set)
            .Elements(Wmts + "TileMatrix").Single(m => m.Element(Ows + "Identifier")!.Value == level.ToString(CultureInfo.InvariantCulture));
        double Num(string name) => double.Parse(matrix.Element(Wmts + name)!.Value, CultureInfo.InvariantCulture);
        if (set == "GoogleMapsCompatible")
        {
            // OGC 07-057r7 Annex E.4: level 0 is 559082264.0287178, halving each level; one 256-px tile per level-0.
            Assert.Equal(559082264.0287178 / Math.Pow(2, level), Num("ScaleDenominator"), 1e-6 * Num("ScaleDenominator"));
            Assert.Equal(Math.Pow(2, level), Num("MatrixWidth"));
            Assert.Equal(Math.Pow(2, level), Num("MatrixHeight"));
            Assert.Equal("-20037508.342789244 20037508.342789244", Normalise(matrix.Element(Wmts + "TopLeftCorner")!.Value));
        }
        else
        {
            var degreesPerPixel = 180 / Math.Pow(2, level - 1) / 256;
            var metresPerDegree = 6378137 * 2 * Math.PI / 360;
            Assert.Equal(degreesPerPixel * metresPerDegree / 0.00028, Num("ScaleDenominator"), 1e-9 * Num("ScaleDenominator"));
            Assert.Equal(Math.Pow(2, level), Num("MatrixWidth"));
            Assert.Equal(Math.Pow(2, level - 1), Num("MatrixHeight"));
            Assert.Equal("90 -180", Normalise(matrix.Element(Wmts + "TopLeftCorner")!.Value)); // EPSG:4490 is latitude first
        }
    }

    [Theory]
    [InlineData("GoogleMapsCompatible", 20037508.342789244 * 2 / 1048576 / 256)]
    [InlineData("CGCS2000", 180.0 / 131072 / 256)]
    public async Task Gdal_ReadsCapabilities(string set, double finestPixel)
    {
        await RasterLayer.EnsureAsync(server);
        var url = $"WMTS:{server.Client.BaseAddress}wmts/1.0.0/WMTSCapabilities.xml,layer={RasterLayer.Code},tilematrixset={set}";
        var output = await RunAsync("gdalinfo", url);
        Assert.Contains("Driver: WMTS", output);
        var pixel = System.Text.RegularExpressions.Regex.Match(output, @"Pixel Size = \(([-0-9.e]+),");
        Assert.True(pixel.Success, output);
        Assert.Equal(finestPixel, double.Parse(pixel.Groups[1].Value, CultureInfo.InvariantCulture), finestPixel * 1e-6);
        var list = await RunAsync("gdalinfo", $"WMTS:{server.Client.BaseAddress}wmts/1.0.0/WMTSCapabilities.xml");
        Assert.Contains($"layer={RasterLayer.Code}", list);
    }

    private static string Normalise(string pair) => string.Join(' ', pair.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(v => double.Parse(v, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)));

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var output = await ExternalTool.RunAsync(tool, args, "scripts/deps.sh (gdal-bin)",
            new ExternalTool.Options { Environment = new Dictionary<string, string> { ["GDAL_HTTP_TIMEOUT"] = "30" } });
        if (output.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed:\n{output.Stdout}{output.Stderr}");
        return output.Stdout + output.Stderr;
    }
}
