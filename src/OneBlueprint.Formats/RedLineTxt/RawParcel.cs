namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>A parcel header and the point lines that follow it, before any geometry is built.</summary>
internal sealed class RawParcel(ParcelHeader header)
{
    public ParcelHeader Header { get; } = header;

    public List<PointRow> Points { get; } = new();
}
