namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// A boundary point line <c>点号,圈号,X,Y</c> as read: X is the northing and Y the easting, exactly as
/// in the file (an 8-digit easting still carries its zone prefix).
/// </summary>
internal sealed record PointRow(TxtLine Line, string Name, int Ring, double Northing, double Easting);
