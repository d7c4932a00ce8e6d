namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>How a piece and the red line relate, as the kernel found it.</summary>
internal enum OverlapKind
{
    /// <summary>Interiors do not meet (touching at isolated points cannot happen: that is <see cref="Degenerate"/>).</summary>
    Disjoint,

    /// <summary>The piece lies wholly inside the red line: the overlap is the piece.</summary>
    PieceInside,

    /// <summary>The red line lies wholly inside the piece: the overlap is the red line.</summary>
    RedLineInside,

    /// <summary>The boundaries cross; the area was integrated along both boundaries.</summary>
    Partial,

    /// <summary>The boundaries touch or share segments or vertices: the kernel declines, OverlayNG decides.</summary>
    Degenerate,
}

/// <summary>
/// The kernel's measure of one piece against the red line: the overlap area (m²), the length of the piece's own
/// boundary inside the red line (cut edges excluded) and the length of the red line's boundary inside the piece.
/// The two lengths add up to the perimeter of the overlap.
/// </summary>
internal readonly record struct PieceOverlap(OverlapKind Kind, double Area, double PieceBoundaryInside, double RedLineBoundaryInside)
{
    public static PieceOverlap Disjoint => new(OverlapKind.Disjoint, 0, 0, 0);
    public static PieceOverlap Degenerate => new(OverlapKind.Degenerate, double.NaN, double.NaN, double.NaN);
}
