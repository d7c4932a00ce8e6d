using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// Measures one layer against the red line, feature by feature, in ascending feature id order (so sums are taken
/// in the same order every time). Candidate pieces come from the layer's R-tree with the red line's box; each goes
/// through <see cref="OverlapKernel"/> (fast paths) or OverlayNG (plain mode, invalid features, degenerate contact).
/// With geometry, each feature's part is built from its pieces' parts: the piece itself when inside, the whole red
/// line when inside the piece, otherwise an overlay; a feature whose pieces all lie inside gives its original.
/// </summary>
internal static class LayerOverlapAnalyzer
{
    public static List<FeatureTally> Analyze(ControlLayerIndex layer, RedLine redLine, bool withGeometry, bool needRedLineLengths,
        bool fastPaths, KernelWorkspace ws)
    {
        var tallies = new List<FeatureTally>();
        var shape = redLine.Shape;
        if (shape.RingCount == 0 || layer.PieceCount == 0) return tallies;

        var n = layer.Tree.Query(shape.MinX, shape.MinY, shape.MaxX, shape.MaxY, ref ws.Candidates);
        Array.Sort(ws.Candidates, 0, n); // piece numbers follow feature order
        var candidates = ws.Candidates;
        FeatureTally? tally = null;
        for (var i = 0; i < n; i++)
        {
            var piece = candidates[i];
            var ordinal = layer.PieceFeature[piece];
            var invalid = layer.FeatureProblem(ordinal) is not null;

            PieceOverlap measure;
            Geometry? part = null;
            string? note = null;
            if (fastPaths && !invalid && !redLine.RequiresOverlay)
            {
                measure = OverlapKernel.Measure(layer, piece, shape, ws);
                if (measure.Kind == OverlapKind.Disjoint) continue;
                if (measure.Kind == OverlapKind.Degenerate)
                    (measure, part, note) = Overlay(layer, piece, ordinal, redLine, needRedLineLengths, invalid: false);
                else if (withGeometry)
                {
                    part = measure.Kind switch
                    {
                        OverlapKind.PieceInside => layer.PieceGeometry[piece],
                        OverlapKind.RedLineInside => redLine.Geometry,
                        _ => SafeOverlay.Intersection(layer.PieceGeometry[piece], redLine.Geometry, null).Result,
                    };
                }
            }
            else
            {
                if (!invalid && !redLine.RequiresOverlay && !redLine.Prepared.Intersects(layer.PieceGeometry[piece])) continue;
                (measure, part, note) = Overlay(layer, piece, ordinal, redLine, needRedLineLengths, invalid);
            }

            if (!(measure.Area > 0) && note is null) continue;
            if (tally?.Ordinal != ordinal)
            {
                tally = new FeatureTally(ordinal);
                tallies.Add(tally);
            }
            if (measure.Area > 0)
            {
                tally.Area += measure.Area;
                tally.FeatureBoundaryInside += measure.PieceBoundaryInside;
                tally.RedLineBoundaryInside += measure.RedLineBoundaryInside;
                if (measure.Kind == OverlapKind.PieceInside) tally.PiecesInside++;
            }
            if (note is not null) tally.Note(note);
            if (measure.Kind == OverlapKind.Degenerate) tally.Failed = true; // overlay failed: nothing measured
            if (withGeometry && part is { IsEmpty: false }) (tally.Parts ??= []).Add(part);
        }
        tallies.RemoveAll(t => !(t.Area > 0) && t.Notes is null);
        return tallies;
    }

    /// <summary>OverlayNG on the piece (for an invalid feature: on it as it is, then on its repaired copy if that fails).</summary>
    private static (PieceOverlap, Geometry?, string?) Overlay(ControlLayerIndex layer, int piece, int ordinal, RedLine redLine,
        bool needRedLineLengths, bool invalid)
    {
        var geometry = layer.PieceGeometry[piece];
        var outcome = SafeOverlay.Intersection(geometry, redLine.Geometry, invalid ? () => layer.RepairedGeometry(ordinal) : null);
        var id = layer.Features[ordinal].Id.ToString(CultureInfo.InvariantCulture);
        string? note = null;
        if (outcome.Result is null)
        {
            note = $"feature {id}: overlay failed ({outcome.Failure}); its overlap is not counted";
            return (PieceOverlap.Degenerate, null, note);
        }
        var result = outcome.Result;
        var area = result.Area;
        if (outcome.Repaired)
            note = $"feature {id} is invalid ({layer.FeatureProblem(ordinal)}); overlay failed on it as it is ({outcome.Failure}), so it was analysed on a repaired copy";
        else if (invalid && area > 0)
            note = $"feature {id} is invalid ({layer.FeatureProblem(ordinal)}); its overlap was computed on it as it is";
        if (!(area > 0)) return (PieceOverlap.Disjoint, null, note);

        var perimeter = result.Length;
        var redInside = needRedLineLengths
            ? SafeOverlay.LengthInside(redLine.Boundary, outcome.Repaired ? layer.RepairedGeometry(ordinal) : geometry)
            : 0;
        redInside = Math.Min(redInside, perimeter);
        return (new PieceOverlap(OverlapKind.Partial, area, perimeter - redInside, redInside), result, note);
    }
}
