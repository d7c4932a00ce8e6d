using OneBlueprint.Server.Tests.Support;
using System.Net;
using System.Xml.Linq;
using OneBlueprint.Server.Tests.Tiles;

namespace OneBlueprint.Server.Tests.Raster;

/// <summary>
/// WMTS KVP GetTile serves the same PNG as the tile paths; bad requests answer OWS ExceptionReports with the
/// exceptionCode and locator of OGC 07-057r7 table 28; GDAL's WMTS driver draws the layer through the service.
/// </summary>
[Collection(RasterCollection.Name)]
public sealed class WmtsKvpTests(TileServerFixture server)
{
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    [Theory]
    [InlineData("GoogleMapsCompatible", "")]
    [InlineData("CGCS2000", "cgcs2000/")]
    public async Task GetTile_MatchesTilePath(string set, string folder)
    {
        await RasterLayer.EnsureAsync(server);
        var (x, y, _, _) = set == "CGCS2000" ? RasterTileRenderingTests.Geographic(12, 113.62, 34.72) : RasterTileRenderingTests.Mercator(12, 113.62, 34.72);
        var kvp = await server.Client.GetAsync($"/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=HP&STYLE=default&TILEMATRIXSET={set}&TILEMATRIX=12&TILEROW={y}&TILECOL={x}&FORMAT=image/png");
        Assert.Equal(HttpStatusCode.OK, kvp.StatusCode);
        Assert.Equal("image/png", kvp.Content.Headers.ContentType?.MediaType);
        var rest = await server.Client.GetByteArrayAsync($"/wmts/1.0.0/HP/default/{set}/12/{y}/{x}.png");
        var path = await server.Client.GetByteArrayAsync($"/tiles/raster/HP/{folder}12/{x}/{y}.png");
        Assert.Equal(path, await kvp.Content.ReadAsByteArrayAsync());
        Assert.Equal(path, rest);
    }

    [Theory]
    [InlineData("REQUEST=GetTile", "MissingParameterValue", "SERVICE")]
    [InlineData("SERVICE=WMTS", "MissingParameterValue", "REQUEST")]
    [InlineData("SERVICE=WMS&REQUEST=GetTile", "InvalidParameterValue", "SERVICE")]
    [InlineData("SERVICE=WMTS&REQUEST=GetFeatureInfo", "OperationNotSupported", "REQUEST")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/png", "MissingParameterValue", "LAYER")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/png", "MissingParameterValue", "TILEMATRIXSET")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILECOL=0&FORMAT=image/png", "MissingParameterValue", "TILEROW")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=NOSUCH&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/png", "InvalidParameterValue", "LAYER")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=EPSG:900913&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/png", "InvalidParameterValue", "TILEMATRIXSET")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=0&TILEROW=0&TILECOL=0&FORMAT=image/png", "InvalidParameterValue", "TILEMATRIX")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/jpeg", "InvalidParameterValue", "FORMAT")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=4&TILECOL=0&FORMAT=image/png", "TileOutOfRange", "TILEROW")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=3&TILEROW=0&TILECOL=8&FORMAT=image/png", "TileOutOfRange", "TILECOL")]
    [InlineData("SERVICE=WMTS&REQUEST=GetTile&LAYER=HP&STYLE=default&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=3&TILEROW=-1&TILECOL=0&FORMAT=image/png", "TileOutOfRange", "TILEROW")]
    public async Task BadRequest_IsOwsException(string query, string code, string locator)
    {
        await RasterLayer.EnsureAsync(server);
        var response = await server.Client.GetAsync("/wmts?" + query);
        Assert.Equal(code == "OperationNotSupported" ? HttpStatusCode.NotImplemented : HttpStatusCode.BadRequest, response.StatusCode);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Ows + "ExceptionReport", doc.Root!.Name);
        var exception = doc.Root.Element(Ows + "Exception")!;
        Assert.Equal(code, exception.Attribute("exceptionCode")!.Value);
        Assert.Equal(locator, exception.Attribute("locator")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(exception.Element(Ows + "ExceptionText")!.Value));
    }

    /// <summary>GDAL fetches CGCS2000 tiles through the capabilities and draws a 0.2° window: fill, hole and outside where they belong.</summary>
    [Fact]
    public async Task Gdal_DrawsLayerThroughWmts()
    {
        await RasterLayer.EnsureAsync(server);
        var output = Path.Combine(Path.GetTempPath(), $"ob-wmts-{Guid.NewGuid():N}.png");
        try
        {
            await WmtsCapabilitiesTests.RunAsync("gdal_translate", "-of", "PNG", "-projwin", "113.55", "34.85", "113.75", "34.65", "-outsize", "200", "200",
                $"WMTS:{server.Client.BaseAddress}wmts/1.0.0/WMTSCapabilities.xml,layer=HP,tilematrixset=CGCS2000", output);
            var png = RgbaPng.Decode(await File.ReadAllBytesAsync(output));
            // 0.001° per pixel from 113.55° E, 34.85° N.
            (byte R, byte G, byte B, byte A) At(double lon, double lat) => png[(int)((lon - 113.55) / 0.001), (int)((34.85 - lat) / 0.001)];
            Assert.True(At(113.62, 34.72).A > 150, $"fill: {At(113.62, 34.72)}");
            Assert.True(At(113.65, 34.75).A == 0, $"hole: {At(113.65, 34.75)}");
            Assert.True(At(113.57, 34.83).A == 0, $"outside: {At(113.57, 34.83)}");
        }
        finally
        {
            File.Delete(output);
            File.Delete(output + ".aux.xml");
        }
    }
}
