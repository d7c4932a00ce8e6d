using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Adds up the overlay's parts — agreed areas, patches kept, slivers, one-sided parts only counted — per kind and class
/// pair, and per side for the balance. Called in the result's order from one thread, so the sums are reproducible.
/// </summary>
internal sealed class TotalsBuilder(PlanSide a, PlanSide b)
{
    private sealed class Totals
    {
        public int Patches, Slivers;
        public double Area, Ellipsoidal, SliverArea;
    }

    private readonly Dictionary<(PartKind Kind, int A, int B), Totals> _rows = new();
    private readonly Dictionary<int, LandUseClass> _classesA = new(), _classesB = new();
    private double _agreed, _differ, _differSliver, _onlyA, _onlyASliver, _onlyB, _onlyBSliver;
    private int _sliverCount, _tooSmall, _tooNarrow;
    private double _sliverArea;

    public void Agreed(int i, int j, double area)
    {
        Row(PartKind.Agreed, i, j).Area += area;
        _agreed += area;
    }

    /// <summary>A one-sided part that is counted but not a patch (the request said so).</summary>
    public void Counted(PartKind kind, int i, int j, double area)
    {
        Row(kind, i, j).Area += area;
        if (kind == PartKind.OnlyA) _onlyA += area;
        else _onlyB += area;
    }

    public void Patch(PartKind kind, int i, int j, double area, double ellipsoidal)
    {
        var row = Row(kind, i, j);
        row.Patches++;
        row.Area += area;
        row.Ellipsoidal += ellipsoidal;
        switch (kind)
        {
            case PartKind.Differ: _differ += area; break;
            case PartKind.OnlyA: _onlyA += area; break;
            default: _onlyB += area; break;
        }
    }

    public void Sliver(PartKind kind, int i, int j, double area, int reason)
    {
        var row = Row(kind, i, j);
        row.Slivers++;
        row.SliverArea += area;
        switch (kind)
        {
            case PartKind.Differ: _differSliver += area; break;
            case PartKind.OnlyA: _onlyASliver += area; break;
            default: _onlyBSliver += area; break;
        }
        _sliverCount++;
        _sliverArea += area;
        if (reason == 1) _tooSmall++;
        else _tooNarrow++;
    }

    public SliverSummary Slivers(SliverRules rules) => new(rules, _sliverCount, _sliverArea, _tooSmall, _tooNarrow);

    public SideBalance BalanceA(double repairChange) => Balance(a, _onlyA, _onlyASliver, repairChange);

    public SideBalance BalanceB(double repairChange) => Balance(b, _onlyB, _onlyBSliver, repairChange);

    private SideBalance Balance(PlanSide side, double only, double onlySliver, double repairChange)
    {
        var sliver = _differSliver + onlySliver;
        var area = side.TotalArea + repairChange;
        return new SideBalance(side.Layer.Name, side.Count - side.Skipped, side.Skipped, area, _agreed, _differ, only, sliver, repairChange,
            area - (_agreed + _differ + only + sliver));
    }

    /// <summary>Rows in kind order, then by class names (ordinal).</summary>
    public IReadOnlyList<ClassTotal> Classes() => _rows
        .Select(r =>
        {
            var ca = r.Key.A >= 0 ? _classesA[r.Key.A] : null;
            var cb = r.Key.B >= 0 ? _classesB[r.Key.B] : null;
            var cylxdm = ca is not null && cb is not null ? DiscrepancyType.Of(ca.Construction, cb.Construction) : null;
            return new ClassTotal(r.Key.Kind, ca?.Name, cb?.Name, cylxdm, r.Value.Patches, r.Value.Area,
                r.Key.Kind == PartKind.Agreed ? null : r.Value.Ellipsoidal, r.Value.Slivers, r.Value.SliverArea);
        })
        .OrderBy(t => t.Kind)
        .ThenBy(t => t.ClassA ?? "", StringComparer.Ordinal)
        .ThenBy(t => t.ClassB ?? "", StringComparer.Ordinal)
        .ToArray();

    /// <summary>Per CYLXDM, when the classes carry construction flags on both sides; empty otherwise.</summary>
    public static IReadOnlyList<TypeTotal> Types(IReadOnlyList<ClassTotal> classes)
    {
        if (!classes.Any(c => c.Cylxdm is not null)) return [];
        return DiscrepancyType.All.Select(code =>
        {
            var rows = classes.Where(c => c.Cylxdm == code).ToArray();
            var agreed = rows.Where(r => r.Kind == PartKind.Agreed).Sum(r => r.AreaM2);
            var differ = rows.Where(r => r.Kind == PartKind.Differ).ToArray();
            return new TypeTotal(code, DiscrepancyType.NameZh(code), DiscrepancyType.IsConflict(code), agreed,
                differ.Sum(r => r.Patches), differ.Sum(r => r.AreaM2), differ.Sum(r => r.EllipsoidalAreaM2 ?? 0),
                differ.Sum(r => r.Slivers), differ.Sum(r => r.SliverAreaM2));
        }).ToArray();
    }

    private Totals Row(PartKind kind, int i, int j)
    {
        var ka = i >= 0 ? a.ClassId[i] : -1;
        var kb = j >= 0 ? b.ClassId[j] : -1;
        if (ka >= 0) _classesA.TryAdd(ka, a.Class[i]);
        if (kb >= 0) _classesB.TryAdd(kb, b.Class[j]);
        if (!_rows.TryGetValue((kind, ka, kb), out var row)) _rows[(kind, ka, kb)] = row = new Totals();
        return row;
    }
}
