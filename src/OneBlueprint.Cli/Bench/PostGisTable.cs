namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The copy of one control layer version the PostGIS side queries: a temporary table with its own GiST index,
/// subdivided (ST_Subdivide to <see cref="MaxVertices"/>) when the layer has polygons larger than that.
/// </summary>
public sealed record PostGisTable(string Code, string Table, long LayerVersionId, bool Subdivided, int? MaxVertices, long Rows, double SetupSeconds);
