namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// One dBASE III field descriptor. <see cref="Offset"/> is the field's first byte within a record
/// (byte 0 of every record is the deletion flag). <see cref="Name"/> is the attribute name in the feature
/// set, which may differ from the stored name when two stored names collide.
/// </summary>
internal sealed record DbfField(string Name, char Type, int Length, int Decimals, int Offset)
{
    /// <summary>Maximum bytes of a stored field name (the 11th byte of the descriptor is its terminator).</summary>
    public const int MaxNameBytes = 10;

    /// <summary>Maximum width of a character field in dBASE III.</summary>
    public const int MaxTextBytes = 254;
}
