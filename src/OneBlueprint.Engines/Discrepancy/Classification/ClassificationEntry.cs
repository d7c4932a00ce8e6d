namespace OneBlueprint.Engines.Discrepancy.Classification;

/// <summary>
/// One row of a classification table: a land-use code and/or its name (either matches a value, trimmed, case ignored)
/// and the class it belongs to. <see cref="Note"/> is for people reading the file.
/// </summary>
public sealed record ClassificationEntry(string? Code, string? Name, string Class, string? Note = null);

/// <summary>A fallback row: values starting with <see cref="Prefix"/> (case ignored) belong to <see cref="Class"/>; the longest prefix wins.</summary>
public sealed record ClassificationPrefix(string Prefix, string Class, string? Note = null);
