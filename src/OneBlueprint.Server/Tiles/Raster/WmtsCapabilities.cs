using System.Globalization;
using System.Xml.Linq;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// The WMTS 1.0.0 ServiceMetadata document: KVP GetCapabilities/GetTile and RESTful ResourceURL templates,
/// every public layer with an imported version (style "default", image/png) in both <see cref="RasterGrid"/>
/// sets, and the two TileMatrixSets written out level by level (TopLeftCorner in the CRS's EPSG axis order:
/// latitude first for EPSG:4490).
/// </summary>
public static class WmtsCapabilities
{
    public static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    public static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    /// <summary>The REST tile template, relative to the server's base URL.</summary>
    public const string RestTemplate = "/wmts/1.0.0/{layer}/default/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png";

    public static XDocument Build(string baseUrl, IEnumerable<LayerInfo> layers, int workingSrid)
    {
        var kvp = baseUrl + "/wmts?";
        var contents = new XElement(Wmts + "Contents");
        foreach (var layer in layers.Where(l => l.IsPublic && l.CurrentVersionId is not null && l.Bbox is not null))
        {
            var lonLat = EnvelopeReprojection.Transform(layer.Bbox!, workingSrid, CrsCatalog.Cgcs2000);
            contents.Add(new XElement(Wmts + "Layer",
                new XElement(Ows + "Title", layer.NameZh),
                new XElement(Ows + "Abstract", layer.NameEn),
                new XElement(Ows + "WGS84BoundingBox",
                    new XElement(Ows + "LowerCorner", Pair(lonLat.MinX, lonLat.MinY)),
                    new XElement(Ows + "UpperCorner", Pair(lonLat.MaxX, lonLat.MaxY))),
                new XElement(Ows + "Identifier", layer.Code),
                new XElement(Wmts + "Style", new XAttribute("isDefault", "true"), new XElement(Ows + "Identifier", "default")),
                new XElement(Wmts + "Format", "image/png"),
                RasterGrid.All.Select(g => new XElement(Wmts + "TileMatrixSetLink", new XElement(Wmts + "TileMatrixSet", g.Id))),
                new XElement(Wmts + "ResourceURL", new XAttribute("format", "image/png"), new XAttribute("resourceType", "tile"),
                    new XAttribute("template", baseUrl + RestTemplate.Replace("{layer}", Uri.EscapeDataString(layer.Code))))));
        }
        foreach (var grid in RasterGrid.All) contents.Add(MatrixSet(grid));

        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Wmts + "Capabilities",
                new XAttribute("version", "1.0.0"),
                new XAttribute(XNamespace.Xmlns + "ows", Ows),
                new XAttribute(XNamespace.Xmlns + "xlink", XLink),
                new XElement(Ows + "ServiceIdentification",
                    new XElement(Ows + "Title", "一张蓝图 raster tiles"),
                    new XElement(Ows + "ServiceType", "OGC WMTS"),
                    new XElement(Ows + "ServiceTypeVersion", "1.0.0")),
                new XElement(Ows + "OperationsMetadata",
                    Operation("GetCapabilities", kvp), Operation("GetTile", kvp)),
                contents,
                new XElement(Wmts + "ServiceMetadataURL", new XAttribute(XLink + "href", baseUrl + "/wmts/1.0.0/WMTSCapabilities.xml"))));
    }

    private static XElement MatrixSet(RasterGrid grid)
    {
        // EPSG:4490 is latitude-first; EPSG:3857 easting-first.
        var topLeft = grid.Srid == CrsCatalog.Cgcs2000 ? Pair(grid.Top, grid.Left) : Pair(grid.Left, grid.Top);
        var set = new XElement(Wmts + "TileMatrixSet",
            new XElement(Ows + "Identifier", grid.Id),
            new XElement(Ows + "SupportedCRS", grid.CrsUrn));
        if (grid.WellKnownScaleSet is { } wkss) set.Add(new XElement(Wmts + "WellKnownScaleSet", wkss));
        for (var z = grid.MinZoom; z <= grid.MaxZoom; z++)
            set.Add(new XElement(Wmts + "TileMatrix",
                new XElement(Ows + "Identifier", z.ToString(CultureInfo.InvariantCulture)),
                new XElement(Wmts + "ScaleDenominator", grid.ScaleDenominator(z).ToString("R", CultureInfo.InvariantCulture)),
                new XElement(Wmts + "TopLeftCorner", topLeft),
                new XElement(Wmts + "TileWidth", RasterGrid.TileSize),
                new XElement(Wmts + "TileHeight", RasterGrid.TileSize),
                new XElement(Wmts + "MatrixWidth", grid.MatrixWidth(z)),
                new XElement(Wmts + "MatrixHeight", grid.MatrixHeight(z))));
        return set;
    }

    private static XElement Operation(string name, string href) =>
        new(Ows + "Operation", new XAttribute("name", name),
            new XElement(Ows + "DCP", new XElement(Ows + "HTTP",
                new XElement(Ows + "Get", new XAttribute(XLink + "href", href),
                    new XElement(Ows + "Constraint", new XAttribute("name", "GetEncoding"),
                        new XElement(Ows + "AllowedValues", new XElement(Ows + "Value", "KVP")))))));

    private static string Pair(double a, double b) =>
        a.ToString("R", CultureInfo.InvariantCulture) + " " + b.ToString("R", CultureInfo.InvariantCulture);
}
