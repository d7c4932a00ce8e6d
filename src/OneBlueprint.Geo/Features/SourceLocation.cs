namespace OneBlueprint.Geo.Features;

/// <summary>Where in an input something is: file, 1-based line or record, and optionally a coordinate.</summary>
public sealed record SourceLocation(string? File, int? Line = null, int? Record = null, double? X = null, double? Y = null)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (File is not null) parts.Add(File);
        if (Line is not null) parts.Add($"line {Line}");
        if (Record is not null) parts.Add($"record {Record}");
        if (X is not null && Y is not null) parts.Add(FormattableString.Invariant($"at ({X}, {Y})"));
        return string.Join(", ", parts);
    }
}
