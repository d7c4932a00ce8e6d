namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// A parcel header <c>点数,面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@</c> as read.
/// <see cref="Fields"/> holds every field before the closing @ (trimmed, possibly more or fewer than
/// eight); the typed properties are the two numeric ones, null when the field is empty.
/// </summary>
internal sealed record ParcelHeader(TxtLine Line, IReadOnlyList<string> Fields, long? DeclaredPointCount, double? DeclaredHectares)
{
    public string? Field(int index) => index < Fields.Count && Fields[index].Length > 0 ? Fields[index] : null;

    public string? Number => Field(2);

    public string? Name => Field(3);

    public string? ShapeType => Field(4);

    /// <summary>How the parcel is named in messages: 地块编号 and 地块名称 when present, else its line.</summary>
    public string Label => (Number, Name) switch
    {
        (null, null) => $"parcel at line {Line.Number}",
        (var n, null) => $"parcel {n}",
        (null, var m) => $"parcel '{m}'",
        var (n, m) => $"parcel {n} '{m}'",
    };
}
