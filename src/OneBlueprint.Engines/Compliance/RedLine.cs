using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Valid;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Compliance;

/// <summary>
/// A project red line (项目用地红线) ready to be checked: one or several parcels (polygons, holes allowed) in the
/// working CRS, prepared once and reusable by any number of checks and threads.
/// <para>
/// The engine analyses <see cref="Geometry"/>: the polygons of the input (other parts are dropped with a note); an
/// invalid input (self-intersecting ring, overlapping parcels) is analysed as repaired by
/// <see cref="GeometryValidator.Repair"/>, with a note saying so — the HTTP layer is expected to refuse invalid red
/// lines before this point, so this is a safety net, not a feature. <see cref="Create"/> never throws on bad geometry.
/// </para>
/// </summary>
public sealed class RedLine
{
    private readonly Lazy<IPreparedGeometry> _prepared;
    private readonly Lazy<double> _ellipsoidalArea;

    private readonly Lazy<Geometry> _boundary;

    private RedLine(Geometry original, Geometry analysed, RedLineShape shape, int srid, int parcelCount, bool repaired, bool invalid, IReadOnlyList<string> notes)
    {
        RequiresOverlay = invalid;
        Original = original;
        Geometry = analysed;
        Srid = srid;
        ParcelCount = parcelCount;
        WasRepaired = repaired;
        Notes = notes;
        Shape = shape;
        _prepared = new Lazy<IPreparedGeometry>(() => PreparedGeometryFactory.Prepare(analysed));
        _boundary = new Lazy<Geometry>(() => analysed.Boundary);
        _ellipsoidalArea = new Lazy<double>(() => analysed.IsEmpty ? 0 : EllipsoidalArea.Of(Reprojector.Transform(analysed, srid, CrsCatalog.Cgcs2000)));
    }

    /// <summary>The geometry as given.</summary>
    public Geometry Original { get; }

    /// <summary>The geometry analysed: polygonal, valid unless repair failed (see <see cref="Notes"/>); possibly empty.</summary>
    public Geometry Geometry { get; }

    /// <summary>The working CRS of the coordinates; must match the blueprint's.</summary>
    public int Srid { get; }

    /// <summary>Number of parcels (polygons) of the input.</summary>
    public int ParcelCount { get; }

    public bool WasRepaired { get; }

    /// <summary>Planar area in m² in the working CRS (exact shoelace sum, not rounded).</summary>
    public double AreaM2 => Shape.Area;

    /// <summary>Boundary length in metres.</summary>
    public double BoundaryLengthM => Shape.Length;

    /// <summary>Ellipsoidal area (椭球面积) on CGCS2000 in m², computed on first use (a reprojection to EPSG:4490).</summary>
    public double EllipsoidalAreaM2 => _ellipsoidalArea.Value;

    /// <summary>What was done to the input (non-areal parts dropped, repaired).</summary>
    public IReadOnlyList<string> Notes { get; }

    internal RedLineShape Shape { get; }

    /// <summary>Prepared geometry, for the plain (no fast path) comparison mode only.</summary>
    internal IPreparedGeometry Prepared => _prepared.Value;

    /// <summary>The rings as lines, for measuring how much of them lies inside a feature when OverlayNG did the work.</summary>
    internal Geometry Boundary => _boundary.Value;

    /// <summary>Invalid and not repairable: the kernel's assumptions do not hold, every piece goes through OverlayNG.</summary>
    internal bool RequiresOverlay { get; }

    /// <summary>Prepares <paramref name="geometry"/> (coordinates in EPSG:<paramref name="srid"/>, the working CRS).</summary>
    /// <param name="alreadyValidated">The caller has checked validity (the HTTP layer does): skip the check.</param>
    public static RedLine Create(Geometry geometry, int srid, bool alreadyValidated = false)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var notes = new List<string>();
        var polygonal = ControlLayerIndex.Polygonal(geometry);
        var parcels = polygonal?.NumGeometries ?? 0;
        if (polygonal is null)
        {
            notes.Add($"the red line has no area ({geometry.GeometryType}); nothing is overlapped");
            var empty = GeometryKit.Factory(srid).CreatePolygon();
            return new RedLine(geometry, empty, new RedLineShape(empty), srid, 0, false, false, notes);
        }
        if (geometry is not (Polygon or MultiPolygon))
            notes.Add($"only the polygons of the {geometry.GeometryType} are analysed");

        var repaired = false;
        var invalid = false;
        var shape = new RedLineShape(polygonal);
        // The quick test proves the usual case valid; only what it cannot prove goes to IsValidOp.
        var problem = alreadyValidated || RingSetValidity.IsCertainlyValid(shape, KernelWorkspace.ForCurrentThread) ? null : Problem(polygonal);
        if (problem is not null)
        {
            try
            {
                var fixedGeometry = GeometryValidator.Repair(polygonal);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the red line is invalid ({problem}); it was analysed as repaired ({polygonal.Area:0.##} m² as given, {fixedGeometry.Area:0.##} m² repaired)"));
                polygonal = ControlLayerIndex.Polygonal(fixedGeometry) ?? GeometryKit.Factory(srid).CreatePolygon();
                shape = new RedLineShape(polygonal);
                repaired = true;
            }
            catch (Exception e)
            {
                notes.Add($"the red line is invalid ({problem}) and could not be repaired ({e.GetType().Name}); it is analysed as it is, and the results may be wrong");
                invalid = true;
            }
        }
        return new RedLine(geometry, polygonal, shape, srid, parcels, repaired, invalid, notes);
    }

    private static string? Problem(Geometry polygonal)
    {
        try
        {
            var error = new IsValidOp(polygonal).ValidationError;
            if (error is null) return null;
            return error.Coordinate is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{error.Message} at ({c.X:0.###}, {c.Y:0.###})")
                : error.Message;
        }
        catch (Exception e)
        {
            return $"validity could not be checked: {e.GetType().Name}";
        }
    }
}
