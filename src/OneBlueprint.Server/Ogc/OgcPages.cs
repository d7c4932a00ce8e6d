using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Server.Ogc;

/// <summary>A collection as shown: its description, lon/lat extent (CRS84) and links.</summary>
public sealed record CollectionView(OgcCollection Collection, double[]? Crs84Bbox, IReadOnlyList<OgcLink> Links, string StorageCrs);

/// <summary>
/// One page of items ready to write: features already in the answer CRS and its axis order (<see cref="OgcCrs.ToAxisOrder"/>),
/// so writers only format.
/// </summary>
public sealed record ItemsView(CollectionView Collection, IReadOnlyList<GeoFeature> Features, long NumberMatched, DateTimeOffset TimeStamp,
    OgcCrs Crs, int Offset, IReadOnlyList<OgcLink> Links);

/// <summary>One item in the answer CRS and axis order, with its links.</summary>
public sealed record ItemView(CollectionView Collection, GeoFeature Feature, OgcCrs Crs, IReadOnlyList<OgcLink> Links);

public static class OgcOutput
{
    /// <summary>A stored feature (working SRID, x = east) in <paramref name="crs"/>, written in its axis order.</summary>
    public static GeoFeature ToOutput(GeoFeature feature, int workingSrid, OgcCrs crs)
    {
        Geometry g = crs.Srid == workingSrid ? feature.Geometry : Geo.Crs.Reprojector.Transform(feature.Geometry, workingSrid, crs.Srid);
        var output = new GeoFeature(crs.ToAxisOrder(g)) { Id = feature.Id, Source = feature.Source };
        foreach (var (k, v) in feature.Attributes) output.Attributes[k] = v;
        return output;
    }
}
