using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Area of a patch inside a control layer (永久基本农田, 生态保护红线, 城镇开发边界): the compliance engine's own overlap
/// measure — the patch is prepared like a red line and run through <see cref="LayerOverlapAnalyzer"/> (exact boundary
/// integrals, OverlayNG where boundaries touch) on the layer's subdivided index — so a JBNT flag means what a
/// compliance check of the same polygon would report.
/// </summary>
internal static class ControlOverlap
{
    public static double Area(ControlLayerIndex layer, Polygon patch)
    {
        if (!layer.Tree.Any(patch.EnvelopeInternal.MinX, patch.EnvelopeInternal.MinY, patch.EnvelopeInternal.MaxX, patch.EnvelopeInternal.MaxY))
            return 0;
        var redLine = RedLine.Create(patch, layer.Srid);
        var total = 0.0;
        foreach (var tally in LayerOverlapAnalyzer.Analyze(layer, redLine, withGeometry: false, needRedLineLengths: false,
                     fastPaths: true, KernelWorkspace.ForCurrentThread))
            total += tally.Area;
        return total;
    }
}
