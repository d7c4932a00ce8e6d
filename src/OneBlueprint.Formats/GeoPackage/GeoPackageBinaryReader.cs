using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// Decodes GeoPackageBinary blobs: checks the 'GP' header, honours the header byte order and all envelope
/// kinds (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm) only to skip the envelope, and hands the rest to NTS's
/// WKBReader, which takes ISO and extended (EWKB) WKB of either byte order. The geometry gets the layer's
/// SRID; the srs_id inside each blob is not trusted over gpkg_geometry_columns. Throws
/// <see cref="GeometryBlobException"/> with the byte offset where decoding stopped.
/// </summary>
internal sealed class GeoPackageBinaryReader
{
    private const int HeaderLength = 8;
    private readonly WKBReader _wkb = new(GeometryKit.Services);

    public Geometry Read(byte[] blob, int srid)
    {
        if (blob.Length < HeaderLength)
            throw new GeometryBlobException($"the blob is {blob.Length} bytes long, shorter than the 8-byte GeoPackage header", blob.Length);
        if (blob[0] != (byte)'G' || blob[1] != (byte)'P')
            throw new GeometryBlobException($"it does not start with the GeoPackage magic 'GP' (found 0x{blob[0]:X2} 0x{blob[1]:X2}; plain WKB or a SpatiaLite blob?)", 0);
        if (blob[2] != 0)
            throw new GeometryBlobException($"GeoPackageBinary version {blob[2]} is unknown (only version 0, i.e. 1, exists)", 2);
        var flags = blob[3];
        var envelopeKind = (flags >> 1) & 0x07;
        var envelopeLength = envelopeKind switch
        {
            0 => 0,
            1 => 32,
            2 or 3 => 48,
            4 => 64,
            _ => throw new GeometryBlobException($"the envelope contents indicator is {envelopeKind}; only 0–4 are defined", 3),
        };
        var wkbStart = HeaderLength + envelopeLength;
        if (blob.Length <= wkbStart)
            throw new GeometryBlobException($"the header announces a {envelopeLength}-byte envelope but the blob ends at byte {blob.Length} with no WKB after it", blob.Length);

        var stream = new NonClosingMemoryStream(blob, wkbStart, blob.Length - wkbStart);
        Geometry geometry;
        try
        {
            geometry = _wkb.Read(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GeometryBlobException($"the WKB cannot be decoded: {FirstLine(e.Message)}", wkbStart + (int)stream.Position);
        }
        // Setting the SRID moves the geometry to GeometryKit's factory for that SRID (same services).
        geometry.SRID = srid;
        return geometry;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        // NTS wraps inner exceptions as "ParseException: System.ArgumentException: ..."; keep the last part.
        var colon = line.LastIndexOf("Exception: ", StringComparison.Ordinal);
        return colon < 0 ? line : line[(colon + "Exception: ".Length)..];
    }
}
