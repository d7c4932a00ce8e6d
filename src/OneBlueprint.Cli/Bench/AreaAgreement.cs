namespace OneBlueprint.Cli.Bench;

/// <summary>
/// How closely two ways of computing the overlap areas agree, layer by layer over every red line. A pair disagrees
/// when it differs by more than <see cref="AbsoluteToleranceM2"/> AND more than <see cref="RelativeTolerance"/> of the
/// larger area (the "within 0.01 m² or 1e-6 relative"). Relative differences are taken only where the larger
/// area exceeds 1 m² (below that the absolute figure says all). Pairs where either side failed are counted apart.
/// </summary>
public sealed record AreaAgreement(
    string Reference,
    string Other,
    int Compared,
    int Missing,
    int Disagreements,
    double MaxAbsDiffM2,
    double MaxRelDiff,
    IReadOnlyList<AreaDifference> Worst)
{
    public const double AbsoluteToleranceM2 = 0.01;
    public const double RelativeTolerance = 1e-6;

    public bool Agrees => Disagreements == 0 && Missing == 0;

    public static AreaAgreement Compare(string reference, LayerAreas a, string other, LayerAreas b, IReadOnlyList<BenchRedLine> redLines)
    {
        var compared = 0;
        var missing = 0;
        var disagreements = 0;
        double maxAbs = 0, maxRel = 0;
        var all = new List<AreaDifference>();
        for (var ka = 0; ka < a.Codes.Count; ka++)
        {
            var kb = b.LayerOf(a.Codes[ka]);
            if (kb < 0) continue;
            for (var i = 0; i < a.Values.Length; i++)
            {
                double x = a.Values[i][ka], y = b.Values[i][kb];
                if (double.IsNaN(x) || double.IsNaN(y))
                {
                    missing++;
                    continue;
                }
                compared++;
                var abs = Math.Abs(x - y);
                var larger = Math.Max(Math.Abs(x), Math.Abs(y));
                var rel = larger > 1 ? abs / larger : 0;
                maxAbs = Math.Max(maxAbs, abs);
                maxRel = Math.Max(maxRel, rel);
                var bad = abs > AbsoluteToleranceM2 && (larger <= 1 || rel > RelativeTolerance);
                if (bad) disagreements++;
                if (abs > 0) all.Add(new AreaDifference(i, redLines[i].Class.ToName(), a.Codes[ka], x, y, abs, rel, bad));
            }
        }
        var worst = all.OrderByDescending(d => d.Disagrees).ThenByDescending(d => d.AbsDiffM2).Take(5).ToArray();
        return new AreaAgreement(reference, other, compared, missing, disagreements, maxAbs, maxRel, worst);
    }
}

/// <summary>One red line × layer pair where two ways differ.</summary>
public sealed record AreaDifference(int RedLine, string Class, string Layer, double ReferenceM2, double OtherM2, double AbsDiffM2, double RelDiff, bool Disagrees);
