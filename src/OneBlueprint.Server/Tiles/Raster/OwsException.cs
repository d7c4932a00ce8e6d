using System.Xml.Linq;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// An OWS 1.1 ExceptionReport (the error answer of WMTS KVP requests): exceptionCode is one of OWS/WMTS's
/// codes (MissingParameterValue, InvalidParameterValue, TileOutOfRange, OperationNotSupported), locator the
/// parameter at fault, and the text says what is wrong and how to ask instead. Always HTTP 400, except
/// OperationNotSupported (501) as WMTS 1.0.0 table 28 requires.
/// </summary>
public sealed record OwsException(string Code, string Locator, string Text)
{
    public int StatusCode => Code == "OperationNotSupported" ? 501 : 400;

    public string ToXml() => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + new XElement(WmtsCapabilities.Ows + "ExceptionReport",
        new XAttribute(XNamespace.Xmlns + "ows", WmtsCapabilities.Ows),
        new XAttribute("version", "1.0.0"),
        new XAttribute(XNamespace.Xml + "lang", "en"),
        new XElement(WmtsCapabilities.Ows + "Exception",
            new XAttribute("exceptionCode", Code), new XAttribute("locator", Locator),
            new XElement(WmtsCapabilities.Ows + "ExceptionText", Text)));
}
