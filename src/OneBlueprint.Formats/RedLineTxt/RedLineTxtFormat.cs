using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// The red-line coordinate file (界址点坐标交换格式): [属性描述] declaring 坐标系/带号, then [地块坐标]
/// with one header per parcel and its boundary points as 点号,圈号,X(north),Y(east). Reads UTF-8 (BOM
/// or not) and GBK/GB18030; writes UTF-8 with BOM and CRLF by default (see
/// <see cref="RedLineTxtWriteOptions"/>). Features carry the header fields under their Chinese names
/// (<see cref="RedLineTxtFields"/>), Id = 地块编号; section keys are kept in
/// <see cref="FeatureSet.Metadata"/> as "section.key" and written back.
/// </summary>
public sealed class RedLineTxtFormat(RedLineTxtReadOptions? readOptions = null, RedLineTxtWriteOptions? writeOptions = null)
    : IStreamFeatureFormat
{
    private readonly RedLineTxtReadOptions _readOptions = readOptions ?? RedLineTxtReadOptions.Default;
    private readonly RedLineTxtWriteOptions _writeOptions = writeOptions ?? RedLineTxtWriteOptions.Default;

    public string Name => "txt";

    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public FeatureSet Read(string path) => new RedLineTxtReader(_readOptions).Read(File.ReadAllBytes(path), path);

    public FeatureSet Read(Stream stream, string sourceName)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new RedLineTxtReader(_readOptions).Read(buffer.ToArray(), sourceName);
    }

    public void Write(FeatureSet features, string path)
    {
        // Write to memory first so a rejected set (not Gauss-Krüger) leaves no half-written file behind.
        using var buffer = new MemoryStream();
        Write(features, buffer);
        File.WriteAllBytes(path, buffer.ToArray());
    }

    public void Write(FeatureSet features, Stream stream) => new RedLineTxtWriter(_writeOptions).Write(features, stream);
}
