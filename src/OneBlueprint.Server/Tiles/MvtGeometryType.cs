namespace OneBlueprint.Server.Tiles;

/// <summary>Tile.GeomType of the Mapbox Vector Tile specification 2.1.</summary>
public enum MvtGeometryType
{
    Unknown = 0,
    Point = 1,
    LineString = 2,
    Polygon = 3,
}
