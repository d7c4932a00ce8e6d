namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// A MemoryStream that survives Dispose: NTS's WKB reader and writer wrap the stream in a BinaryReader/Writer
/// and close it, but we reuse the writer's buffer and need the reader's position after a failure.
/// </summary>
internal sealed class NonClosingMemoryStream : MemoryStream
{
    public NonClosingMemoryStream() { }

    public NonClosingMemoryStream(byte[] buffer, int index, int count) : base(buffer, index, count, writable: false) { }

    protected override void Dispose(bool disposing) { }
}
