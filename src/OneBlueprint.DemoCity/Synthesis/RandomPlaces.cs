using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>Seeded random points inside a region (rejection sampling over its envelope).</summary>
public sealed class RandomPlaces(Geometry region, Random random)
{
    private readonly IndexedPointInAreaLocator _inside = new(region);
    private readonly Envelope _env = region.EnvelopeInternal;

    public Coordinate Next()
    {
        for (var i = 0; i < 100_000; i++)
        {
            var c = new Coordinate(_env.MinX + random.NextDouble() * _env.Width, _env.MinY + random.NextDouble() * _env.Height);
            if (_inside.Locate(c) == Location.Interior) return c;
        }
        throw new InvalidOperationException("the region is too small to place anything in");
    }
}
