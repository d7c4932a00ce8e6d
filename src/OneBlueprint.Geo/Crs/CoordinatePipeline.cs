using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// A compiled transformation from one supported system to another, applied in place to arrays of x
/// (easting/longitude) and y (northing/latitude). Within one datum it is a single ProjNet math transform
/// (ProjNet collapses GK → lon/lat to the bare inverse projection); across datums it runs
/// source → its lon/lat → 7-parameter shift(s) through CGCS2000 → target.
/// Immutable once built, so one instance serves all threads.
/// </summary>
internal sealed class CoordinatePipeline
{
    private static readonly CoordinateSystemFactory SystemFactory = new();
    private static readonly CoordinateTransformationFactory TransformationFactory = new();

    private readonly MathTransform? _before;
    private readonly HelmertShift[] _shifts;
    private readonly MathTransform? _after;

    private CoordinatePipeline(MathTransform? before, HelmertShift[] shifts, MathTransform? after)
    {
        _before = before;
        _shifts = shifts;
        _after = after;
    }

    public int FromSrid { get; private init; }

    public int ToSrid { get; private init; }

    /// <summary>The datum-shift parameters this pipeline was built with, to detect stale cache entries.</summary>
    public int SettingsVersion { get; private init; }

    public void Apply(Span<double> xs, Span<double> ys)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("xs and ys must have the same length");
        _before?.Transform(xs, ys);
        foreach (var shift in _shifts) shift.Apply(xs, ys);
        _after?.Transform(xs, ys);
    }

    public static CoordinatePipeline Build(int fromSrid, int toSrid)
    {
        var version = DatumShiftSettings.Version;
        var from = CrsRegistry.Get(fromSrid);
        var to = CrsRegistry.Get(toSrid);

        if (from.EngineWkt == to.EngineWkt)
            return new(null, [], null) { FromSrid = fromSrid, ToSrid = toSrid, SettingsVersion = version };

        if (from.Datum == to.Datum)
            return new(ProjNetTransform(from.EngineWkt, to.EngineWkt), [], null) { FromSrid = fromSrid, ToSrid = toSrid, SettingsVersion = version };

        var shifts = new List<HelmertShift>();
        if (from.Datum != GeodeticDatum.Cgcs2000)
            shifts.Add(new HelmertShift(Parameters(from.Datum, fromSrid, toSrid), ReferenceEllipsoid.Of(from.Datum), ReferenceEllipsoid.Cgcs2000, reverse: false));
        if (to.Datum != GeodeticDatum.Cgcs2000)
            shifts.Add(new HelmertShift(Parameters(to.Datum, fromSrid, toSrid), ReferenceEllipsoid.Of(to.Datum), ReferenceEllipsoid.Cgcs2000, reverse: true));

        var fromGeographic = CrsRegistry.Get(from.GeographicSrid);
        var toGeographic = CrsRegistry.Get(to.GeographicSrid);
        var before = from.IsGeographic ? null : ProjNetTransform(from.EngineWkt, fromGeographic.EngineWkt);
        var after = to.IsGeographic ? null : ProjNetTransform(toGeographic.EngineWkt, to.EngineWkt);
        return new(before, shifts.ToArray(), after) { FromSrid = fromSrid, ToSrid = toSrid, SettingsVersion = version };
    }

    private static MathTransform ProjNetTransform(string fromWkt, string toWkt)
    {
        var transformation = TransformationFactory.CreateFromCoordinateSystems(
            SystemFactory.CreateFromWkt(fromWkt), SystemFactory.CreateFromWkt(toWkt));
        return transformation.MathTransform;
    }

    private static BursaWolfParameters Parameters(GeodeticDatum datum, int fromSrid, int toSrid)
    {
        if (DatumShiftSettings.For(datum) is { } parameters) return parameters;
        var name = datum == GeodeticDatum.Xian1980 ? "Xian 1980 (1980西安坐标系)" : "Beijing 1954 (1954北京坐标系)";
        throw new CrsException(
            $"Cannot transform EPSG:{fromSrid} ({CrsRegistry.Name(fromSrid)}) to EPSG:{toSrid} ({CrsRegistry.Name(toSrid)}): " +
            $"there is no national grid or official parameter set from {name} to CGCS2000, so a locally published 7-parameter " +
            $"transformation (七参数, from your city or provincial surveying authority) must be configured. " +
            $"Set the environment variable {DatumShiftSettings.EnvironmentVariable(datum)}=\"dx,dy,dz,rx,ry,rz,ds\" " +
            "(metres, arc-seconds, ppm; position-vector convention as PROJ's +towgs84) or call DatumShiftSettings.Configure. " +
            "Transformations between Gauss-Krüger zones of the same datum need no parameters.",
            fromSrid, toSrid);
    }
}
