namespace OneBlueprint.Formats.Shapefile.Prj;

/// <summary>
/// What a .prj was recognised as: the EPSG code (null when not recognised), the CRS name the file gives,
/// and how sure we are — <see cref="ByEllipsoidOnly"/> means the datum name was unknown and only the
/// ellipsoid matched, which callers should report as a warning.
/// </summary>
public sealed record PrjIdentity(int? Srid, string? Name, bool ByEllipsoidOnly = false);
