using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>The overlap of one feature with the red line, summed over the feature's pieces.</summary>
internal sealed class FeatureTally(int ordinal)
{
    public int Ordinal { get; } = ordinal;
    public double Area;
    /// <summary>Length of the feature's own boundary inside the red line.</summary>
    public double FeatureBoundaryInside;
    /// <summary>Length of the red line's boundary inside the feature.</summary>
    public double RedLineBoundaryInside;
    public int PiecesInside;
    public List<Geometry>? Parts;
    public List<string>? Notes;
    /// <summary>Some piece could not be overlaid at all (not even repaired): its overlap is missing from <see cref="Area"/>.</summary>
    public bool Failed;

    public double Perimeter => FeatureBoundaryInside + RedLineBoundaryInside;

    public void Note(string note) => (Notes ??= []).Add(note);
}
