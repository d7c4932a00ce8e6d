namespace OneBlueprint.Formats.GeoPackage;

/// <summary>A geometry blob that is not GeoPackageBinary; the reader adds table and fid before reporting it.</summary>
internal sealed class GeometryBlobException(string reason, int byteOffset) : Exception(reason)
{
    /// <summary>0-based offset in the blob where decoding stopped: the start of a bad header field, or just after the WKB field that made no sense.</summary>
    public int ByteOffset { get; } = byteOffset;
}
