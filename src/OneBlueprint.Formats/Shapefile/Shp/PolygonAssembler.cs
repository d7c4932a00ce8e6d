using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>
/// Turns the rings of one Polygon record into a Polygon or MultiPolygon.
/// <para>
/// Strategy: the shapefile specification says outer rings run clockwise and holes counter-clockwise,
/// but not in which order they come, so every hole goes to the smallest shell that contains it (found
/// with an indexed point-in-area test; the smallest one is right for islands inside lakes inside
/// islands). A hole that lies in no shell is kept as a shell of its own, with a warning. A record
/// without any clockwise ring was written with the wrong orientation; its rings are then classified by
/// how deeply they nest (even depth = shell, odd = hole), also with a warning.
/// </para>
/// </summary>
internal sealed class PolygonAssembler
{
    private readonly GeometryFactory _factory;
    private readonly Action<string, string> _warn;

    /// <param name="warn">Receives (code, what) for recoverable oddities of the current record.</param>
    public PolygonAssembler(GeometryFactory factory, Action<string, string> warn)
    {
        _factory = factory;
        _warn = warn;
    }

    public Geometry Assemble(IReadOnlyList<Coordinate[]> rings)
    {
        var parts = rings.Select((coordinates, index) => new Ring(_factory.CreateLinearRing(coordinates), index)).ToList();

        // Positive signed area = clockwise = shell; zero (degenerate) and NaN (overflowing coordinates) stay shells too.
        var holes = parts.Where(r => r.SignedArea < 0).ToList();
        var shells = parts.Except(holes).ToList();
        if (shells.Count == 0)
        {
            (shells, holes) = ClassifyByNesting(parts);
            _warn("ring-orientation",
                "no ring runs clockwise (the shapefile convention for outer rings), so rings were classified by how they nest; the file was probably written by a tool that ignores orientation");
        }

        var holesOf = shells.ToDictionary(s => s, _ => new List<LinearRing>());
        foreach (var hole in holes)
        {
            var owner = shells
                .Where(s => s.Envelope.Covers(hole.Envelope) && s.Contains(hole, _factory))
                .OrderBy(s => Math.Abs(s.SignedArea))
                .FirstOrDefault();
            if (owner is null)
            {
                _warn("orphan-hole",
                    $"ring {hole.Index + 1} runs counter-clockwise (a hole) but lies inside no outer ring; it was read as an outer ring");
                var asShell = new Ring((LinearRing)hole.Geometry.Reverse(), hole.Index);
                shells.Add(asShell);
                holesOf[asShell] = new List<LinearRing>();
                continue;
            }
            holesOf[owner].Add(hole.Geometry);
        }

        var polygons = shells
            .OrderBy(s => s.Index)
            .Select(s => _factory.CreatePolygon(s.Geometry, holesOf[s].ToArray()))
            .ToArray();
        return polygons.Length == 1 ? polygons[0] : _factory.CreateMultiPolygon(polygons);
    }

    private static (List<Ring> Shells, List<Ring> Holes) ClassifyByNesting(List<Ring> rings)
    {
        var shells = new List<Ring>();
        var holes = new List<Ring>();
        foreach (var ring in rings)
        {
            var depth = rings.Count(other => !ReferenceEquals(other, ring)
                                             && Math.Abs(other.SignedArea) > Math.Abs(ring.SignedArea)
                                             && other.Envelope.Covers(ring.Envelope)
                                             && other.Contains(ring, ring.Geometry.Factory));
            (depth % 2 == 0 ? shells : holes).Add(ring);
        }
        return (shells, holes);
    }

    /// <summary>One ring with its file position, signed area (positive = clockwise) and a lazily built point locator.</summary>
    private sealed class Ring
    {
        private IPointOnGeometryLocator? _locator;

        public Ring(LinearRing geometry, int index)
        {
            Geometry = geometry;
            Index = index;
            SignedArea = Area.OfRingSigned(geometry.CoordinateSequence);
            Envelope = geometry.EnvelopeInternal;
        }

        public LinearRing Geometry { get; }
        public int Index { get; }
        public double SignedArea { get; }
        public Envelope Envelope { get; }

        /// <summary>
        /// True when <paramref name="inner"/> lies inside this ring: decided by the first vertex of
        /// <paramref name="inner"/> not on this ring's boundary (rings of a valid polygon may touch at
        /// points), or by an interior point when every vertex touches.
        /// </summary>
        public bool Contains(Ring inner, GeometryFactory factory)
        {
            _locator ??= new IndexedPointInAreaLocator(factory.CreatePolygon(Geometry));
            var sequence = inner.Geometry.CoordinateSequence;
            for (var i = 0; i < sequence.Count - 1; i++)
            {
                var location = _locator.Locate(sequence.GetCoordinate(i));
                if (location == Location.Interior) return true;
                if (location == Location.Exterior) return false;
            }
            var probe = factory.CreatePolygon(inner.Geometry).InteriorPoint;
            return !probe.IsEmpty && _locator.Locate(probe.Coordinate) != Location.Exterior;
        }
    }
}
