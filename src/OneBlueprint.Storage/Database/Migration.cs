namespace OneBlueprint.Storage.Database;

/// <summary>
/// One schema step, an embedded file Database/Migrations/NNNN_name.sql. <see cref="Checksum"/> is the
/// SHA-256 (hex) of its text with line endings normalised to LF, so a checkout with CRLF still matches;
/// once applied, a migration's text must never change (add a new one instead).
/// </summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    public override string ToString() => $"{Version:D4}_{Name}";
}
