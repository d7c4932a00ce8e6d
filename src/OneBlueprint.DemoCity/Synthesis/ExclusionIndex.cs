using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The areas farmland must keep out of (ecological redlines, urban boundary, the four lines), cut into
/// tiles of <see cref="PieceSize"/> metres first (the idea of PostGIS ST_Subdivide) so that clipping one
/// small cell only ever meets a small piece of a 20,000-vertex redline. Read-only and thread-safe once built.
/// </summary>
public sealed class ExclusionIndex
{
    public const double PieceSize = 2_000;

    public sealed record Piece(string Layer, Geometry Shape, IPreparedGeometry Prepared);

    private readonly STRtree<Piece> _tree = new();

    public ExclusionIndex(IEnumerable<(string Layer, Geometry Shape)> areas)
    {
        foreach (var (layer, shape) in areas)
            foreach (var piece in Shapes.CutIntoTiles(shape, PieceSize, 1))
            {
                var prepared = PreparedGeometryFactory.Prepare(piece);
                // Build the prepared indexes now, on one thread.
                var probe = piece.Factory.ToGeometry(new Envelope(piece.EnvelopeInternal.Centre));
                prepared.Intersects(piece.Boundary);
                prepared.Contains(probe);
                _tree.Insert(piece.EnvelopeInternal, new Piece(layer, piece, prepared));
            }
        _tree.Build();
    }

    public IList<Piece> Candidates(Envelope envelope) => _tree.Query(envelope);
}
