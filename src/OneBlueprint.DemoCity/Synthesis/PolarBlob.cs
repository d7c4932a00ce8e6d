using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// A natural-looking closed outline: a star-shaped polygon r(θ) = R·exp(roughness·fBm(θ)), stretched and
/// turned. The radius is positive and single-valued in θ, so the ring is always simple and the polygon
/// always valid, however rough; an affine stretch keeps it so. Used for hills, reservoirs, parks and
/// enclaves (holes).
/// </summary>
public sealed record PolarBlob(
    Coordinate Centre,
    double Radius,
    int Vertices,
    double Roughness,
    double Aspect = 1.0,
    double RotationRadians = 0.0,
    int Octaves = 6,
    double Detail = 2.0)
{
    /// <summary>The outline as a polygon; <paramref name="noise"/> and the blob's own centre pick the shape.</summary>
    public Polygon ToPolygon(GeometryFactory factory, Noise noise)
    {
        var ring = new Coordinate[Vertices + 1];
        var (cos, sin) = (Math.Cos(RotationRadians), Math.Sin(RotationRadians));
        // Sampling the noise on a circle makes r(θ) periodic; offsetting by the centre makes blobs differ.
        var (ox, oy) = (Centre.X / 997.0, Centre.Y / 991.0);
        for (var i = 0; i < Vertices; i++)
        {
            var theta = 2 * Math.PI * i / Vertices;
            var n = noise.Fractal(ox + Detail * Math.Cos(theta), oy + Detail * Math.Sin(theta), Octaves, 0.55);
            var r = Radius * Math.Exp(Roughness * n);
            var (x, y) = (r * Math.Cos(theta) * Aspect, r * Math.Sin(theta) / Aspect);
            ring[i] = new Coordinate(Centre.X + x * cos - y * sin, Centre.Y + x * sin + y * cos);
        }
        ring[Vertices] = ring[0].Copy();
        return factory.CreatePolygon(ring);
    }
}
