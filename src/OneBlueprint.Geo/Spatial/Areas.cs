using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Geo.Spatial;

/// <summary>
/// Measures planar and ellipsoidal area of a geometry in any supported system.
/// Planar: in the geometry's own system when that is a Gauss-Krüger system (the numbers the surveyor's
/// software shows); otherwise in the unprefixed CGCS2000 3° GK zone whose band holds the centroid.
/// Ellipsoidal: on the CGCS2000 ellipsoid after transforming to EPSG:4490 (see <see cref="EllipsoidalArea"/>).
/// Xian 1980 / Beijing 1954 inputs therefore need a configured 7-parameter set for the ellipsoidal figure
/// (<see cref="CrsException"/> otherwise).
/// </summary>
public static class Areas
{
    public static AreaMeasure Measure(Geometry geometry, int srid)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var lonLat = CrsRegistry.IsGeographic(srid) && CrsRegistry.Datum(srid) == GeodeticDatum.Cgcs2000
            ? geometry
            : Reprojector.Transform(geometry, srid, CrsCatalog.Cgcs2000);
        var ellipsoidal = EllipsoidalArea.Of(lonLat);

        if (CrsRegistry.IsGaussKruger(srid))
            return new AreaMeasure(geometry.Area, ellipsoidal, srid);

        var planarSrid = WorkingZoneSrid(lonLat);
        var planar = Reprojector.Transform(lonLat, CrsCatalog.Cgcs2000, planarSrid).Area;
        return new AreaMeasure(planar, ellipsoidal, planarSrid);
    }

    /// <summary>The unprefixed CGCS2000 3° GK system (EPSG:4534–4554) whose zone holds the centroid of lon/lat geometry.</summary>
    public static int WorkingZoneSrid(Geometry lonLat)
    {
        if (lonLat.IsEmpty) return CrsCatalog.DefaultWorking;
        var centroid = lonLat.Centroid;
        var lon = !centroid.IsEmpty && double.IsFinite(centroid.X) ? centroid.X : lonLat.EnvelopeInternal.Centre.X;
        var zone = Math.Clamp((int)Math.Round(lon / 3.0), CrsCatalog.FirstZone, CrsCatalog.LastZone);
        return CrsCatalog.GaussKrugerSrid(GeodeticDatum.Cgcs2000, zone, prefixed: false);
    }
}
