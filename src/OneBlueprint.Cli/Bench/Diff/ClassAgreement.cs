using OneBlueprint.Engines.Discrepancy.Results;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// The engine's areas per kind and class pair against PostGIS's: both plans' common area per class pair (agreed or
/// differing, slivers included: PostGIS filters none) and each plan's one-sided area per class (from the direct reference,
/// <see cref="PostGisDiff.OneSidedAsync"/>). A row agrees when it is
/// within <see cref="RelativeTolerance"/> of the larger value, or within <see cref="AbsoluteToleranceM2"/> (rows that are
/// numerical dust on one side: PostGIS also sums the zero-area intersections of neighbours that only touch).
/// </summary>
public sealed record ClassAgreement(int Compared, int Disagreements, double MaxAbsDiffM2, double MaxRelDiff, IReadOnlyList<ClassAreaRow> Rows)
{
    public const double RelativeTolerance = 1e-6;
    public const double AbsoluteToleranceM2 = 0.01;

    public bool Agrees => Disagreements == 0 && Compared > 0;

    public static ClassAgreement Compare(IReadOnlyList<ClassTotal> engine, PostGisDiff.Result postGis,
        IReadOnlyDictionary<string, decimal> onlyA, IReadOnlyDictionary<string, decimal> onlyB)
    {
        var ours = new Dictionary<(string Kind, string? A, string? B), double>();
        void Add(string kind, string? a, string? b, double area) => ours[(kind, a, b)] = ours.GetValueOrDefault((kind, a, b)) + area;
        foreach (var row in engine)
        {
            switch (row.Kind)
            {
                case PartKind.Agreed or PartKind.Differ: Add("both", row.ClassA, row.ClassB, row.AllAreaM2); break;
                case PartKind.OnlyA: Add("onlyA", row.ClassA, null, row.AllAreaM2); break;
                case PartKind.OnlyB: Add("onlyB", null, row.ClassB, row.AllAreaM2); break;
            }
        }
        var theirs = new Dictionary<(string Kind, string? A, string? B), double>();
        foreach (var ((a, b), (_, area)) in postGis.Pairs) theirs[("both", a, b)] = (double)area;
        foreach (var (a, area) in onlyA) theirs[("onlyA", a, null)] = (double)area;
        foreach (var (b, area) in onlyB) theirs[("onlyB", null, b)] = (double)area;

        var rows = new List<ClassAreaRow>();
        foreach (var key in ours.Keys.Union(theirs.Keys).OrderBy(k => k.Kind, StringComparer.Ordinal)
                     .ThenBy(k => k.A ?? "", StringComparer.Ordinal).ThenBy(k => k.B ?? "", StringComparer.Ordinal))
        {
            var x = ours.GetValueOrDefault(key);
            var y = theirs.GetValueOrDefault(key);
            var abs = Math.Abs(x - y);
            var larger = Math.Max(Math.Abs(x), Math.Abs(y));
            var rel = larger > 0 ? abs / larger : 0;
            rows.Add(new ClassAreaRow(key.Kind, key.A, key.B, x, y, abs, rel, abs <= AbsoluteToleranceM2 || rel <= RelativeTolerance));
        }
        return new ClassAgreement(rows.Count, rows.Count(r => !r.Agrees), rows.Count == 0 ? 0 : rows.Max(r => r.AbsDiffM2),
            rows.Count == 0 ? 0 : rows.Max(r => r.RelDiff), rows);
    }
}

/// <summary>One kind and class pair: the engine's and PostGIS's area and how far apart they are.</summary>
public sealed record ClassAreaRow(string Kind, string? ClassA, string? ClassB, double EngineM2, double PostGisM2, double AbsDiffM2, double RelDiff, bool Agrees);

/// <summary>A plan's one-sided area of one class by PostGIS's own subtraction (class area − pairs), shown beside the direct reference.</summary>
public sealed record SubtractedOneSided(string Side, string Class, double AreaM2);
