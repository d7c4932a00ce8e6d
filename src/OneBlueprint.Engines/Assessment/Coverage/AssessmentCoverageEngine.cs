using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Catalogue;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>
/// Which regional-assessment results (区域评估成果) a red line may reuse, item by item, on a given day.
/// <para>
/// Strategy: the areas the red line touches come from the registry's index; each one's overlap with the red line is
/// computed once (OverlayNG, robust like PostGIS; the red line itself when the area covers it) and shared by all its
/// items. For an item, the results lying under the red line are sorted newest first (approval date, then version) and
/// the valid ones are laid down in that order: each result is used where no newer valid result already applies — the
/// rule "overlapping areas for the same item: use the valid and most recent" — and the union of what they cover is
/// the covered part; the red line minus it is the uncovered part. Expired and not-yet-valid results are reported with
/// their dates and never count. The verdict follows from the status: fully covered → the matched approvals may go by
/// the results' simplified mode (the strictest of those used); otherwise the project needs its own assessment, and the
/// reason says how much is missing and why.
/// </para>
/// Pure and thread-safe: no SQL, no clock (the day is an argument).
/// </summary>
public sealed class AssessmentCoverageEngine(AssessmentCoverageOptions? options = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public AssessmentCoverageOptions Options { get; } = options ?? AssessmentCoverageOptions.Default;

    /// <summary>
    /// The coverage of <paramref name="redLine"/> (polygonal, in the registry's working CRS, EPSG:<paramref name="srid"/>)
    /// on <paramref name="date"/>. With <paramref name="includeGeometry"/> the covered and uncovered parts are kept.
    /// </summary>
    public CoverageReport Cover(Geometry redLine, int srid, DateOnly date, AssessmentRegistry registry, bool includeGeometry = true)
    {
        ArgumentNullException.ThrowIfNull(redLine);
        ArgumentNullException.ThrowIfNull(registry);
        var prepared = RedLine.Create(redLine, srid);
        var red = prepared.Geometry;
        var redArea = red.Area;
        var factory = GeometryKit.Factory(srid);
        var touched = registry.Intersecting(red).ToList();
        var notes = new List<string>(prepared.Notes);

        // area → its overlap with the red line, computed once for all its items
        var overlaps = new Dictionary<AssessmentRegistry.Entry, Geometry>();
        foreach (var entry in touched)
        {
            if (entry.Prepared.Covers(red)) { overlaps[entry] = red; continue; }
            var outcome = SafeOverlay.Intersection(entry.Area.Geometry, red, () => GeometryValidator.Repair(entry.Area.Geometry));
            if (outcome.Failure is not null)
                notes.Add($"the overlap with assessment area {entry.Area.Label} {(outcome.Result is null ? "could not be computed" : "was computed on a repaired copy of the area")} ({outcome.Failure})");
            overlaps[entry] = outcome.Result ?? factory.CreatePolygon();
        }

        var items = registry.ItemCodes
            .Select(code => CoverItem(code, registry.Catalogue, red, redArea, date, touched, overlaps, factory, includeGeometry))
            .ToList();
        return new CoverageReport
        {
            Date = date,
            Srid = srid,
            RedLineAreaM2 = redArea,
            Items = items,
            AreasTouched = touched.Select(e => e.Area).OrderBy(a => a.UnitCode, StringComparer.Ordinal).ThenBy(a => a.Version).ToList(),
            Notes = notes,
        };
    }

    /// <summary>The areas holding <paramref name="point"/> (working CRS) and the state of each of their results on <paramref name="date"/>.</summary>
    public IReadOnlyList<PointMatch> At(Point point, DateOnly date, AssessmentRegistry registry) =>
        registry.At(point)
            .Select(a => new PointMatch(a, a.Items
                .OrderBy(i => registry.Catalogue.OrderOf(i.ItemCode)).ThenBy(i => i.ItemCode, StringComparer.Ordinal)
                .Select(i => (i, i.Validity.On(date))).ToList()))
            .ToList();

    private ItemCoverage CoverItem(string code, AssessmentItemCatalogue catalogue, Geometry red, double redArea, DateOnly date,
        List<AssessmentRegistry.Entry> touched, Dictionary<AssessmentRegistry.Entry, Geometry> overlaps, GeometryFactory factory, bool includeGeometry)
    {
        var definition = catalogue.Find(code);
        var candidates = touched
            .SelectMany(e => e.Area.Items.Where(i => string.Equals(i.ItemCode, code, StringComparison.OrdinalIgnoreCase)).Select(i => (Entry: e, Item: i)))
            .Where(c => overlaps[c.Entry].Area > 0)
            // newest first: the order in which results are laid down, and the order they are reported in
            .OrderByDescending(c => c.Item.Issued).ThenByDescending(c => c.Entry.Area.Version).ThenByDescending(c => c.Entry.Area.Id)
            .ToList();
        var nameZh = definition?.NameZh ?? candidates.Select(c => c.Item.ItemName).FirstOrDefault() ?? code;
        var nameEn = definition?.NameEn ?? nameZh;

        var sources = new List<ResultSource>();
        Geometry covered = factory.CreatePolygon();
        foreach (var (entry, item) in candidates)
        {
            var overlap = overlaps[entry];
            var state = item.Validity.On(date);
            double applied = 0;
            if (state == ValidityState.Valid)
            {
                if (covered.IsEmpty)
                {
                    applied = overlap.Area;
                    covered = overlap;
                }
                else
                {
                    applied = (SafeOverlay.Difference(overlap, covered).Result ?? overlap).Area;
                    covered = SafeOverlay.Union([covered, overlap], factory);
                }
            }
            // a sliver left by an older result under a newer one is rounding, not a place where the older one applies
            sources.Add(new ResultSource(entry.Area, item, overlap.Area, state, applied <= Options.ToleranceM2 ? 0 : applied));
        }

        var coveredArea = Math.Min(covered.Area, redArea);
        Geometry uncovered = covered.IsEmpty ? red : SafeOverlay.Difference(red, covered).Result ?? factory.CreatePolygon();
        var uncoveredArea = covered.IsEmpty ? redArea : uncovered.Area;
        var tolerance = Options.ToleranceM2;
        var status = coveredArea <= tolerance ? CoverageStatus.NotCovered
            : uncoveredArea <= tolerance ? CoverageStatus.FullyCovered
            : CoverageStatus.PartlyCovered;

        var used = sources.Where(s => s.Used).ToList();
        var approvals = Approvals(status == CoverageStatus.FullyCovered ? used : sources, definition, nameZh);
        var mode = status == CoverageStatus.FullyCovered ? used.Select(s => s.Item.Mode).MaxBy(m => m.Strictness()) : (SimplifiedApprovalMode?)null;
        var label = new Label(nameZh, nameEn, date, approvals);
        return new ItemCoverage
        {
            ItemCode = definition?.Code ?? code,
            ItemNameZh = nameZh,
            ItemNameEn = nameEn,
            Status = status,
            CoveredAreaM2 = coveredArea,
            UncoveredAreaM2 = uncoveredArea,
            CoveredShare = redArea > 0 ? coveredArea / redArea : 0,
            CoveredPart = includeGeometry ? covered : null,
            UncoveredPart = includeGeometry ? uncovered : null,
            Sources = sources,
            Decision = status == CoverageStatus.FullyCovered ? ReuseDecision.MayReuse : ReuseDecision.NeedsOwnAssessment,
            Mode = mode,
            Approvals = approvals,
            Conditions = status == CoverageStatus.FullyCovered
                ? used.Select(s => s.Item.Conditions).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).Distinct().ToList()
                : [],
            Reason = Reason(status, mode, label, sources, redArea, coveredArea, uncoveredArea),
            Notes = OverlapNotes(label, candidates, sources, overlaps, factory, tolerance),
        };
    }

    private sealed record Label(string NameZh, string NameEn, DateOnly Date, IReadOnlyList<string> Approvals)
    {
        public string DateText => Date.ToString("yyyy-MM-dd", Inv);
        public string ApprovalsZh => string.Join("、", Approvals.Select(a => $"「{a}」"));
        public string ApprovalsEn => string.Join(", ", Approvals);
    }

    private static IReadOnlyList<string> Approvals(IEnumerable<ResultSource> sources, AssessmentItemDefinition? definition, string nameZh)
    {
        var named = sources.SelectMany(s => s.Item.MatchedApprovals).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct().ToList();
        if (named.Count > 0) return named;
        if (definition is { StandardApprovals.Count: > 0 }) return definition.StandardApprovals;
        return [$"{nameZh}审批"];
    }

    private static Explanation Reason(CoverageStatus status, SimplifiedApprovalMode? mode, Label l, List<ResultSource> sources,
        double redArea, double coveredArea, double uncoveredArea)
    {
        var used = sources.Where(s => s.Used).ToList();
        switch (status)
        {
            case CoverageStatus.FullyCovered:
            {
                var areas = string.Join("、", used.Select(s => s.Area.Label));
                var until = string.Join(", ", used.Select(s => s.Item.Validity.To is { } t ? t.ToString("yyyy-MM-dd", Inv) : "open-ended").Distinct());
                return new Explanation(
                    $"项目红线全部位于区域评估单元 {areas} 内，其「{l.NameZh}」成果在 {l.DateText} 有效（有效期至 {until}），{l.ApprovalsZh}可按{mode!.Value.NameZh()}方式办理。",
                    $"The red line lies wholly within assessment area(s) {areas.Replace("、", ", ")} whose {l.NameEn} ({l.NameZh}) result is valid on {l.DateText} (until {until}): {l.ApprovalsEn} may go by {mode!.Value.NameZh()} ({mode.Value.Key()}).");
            }
            case CoverageStatus.PartlyCovered:
            {
                var share = 100 * coveredArea / redArea;
                var (zhTail, enTail) = Unusable(sources, l);
                return new Explanation(
                    string.Create(Inv, $"项目红线仅 {share:0.##}%（{coveredArea:0.##} m²，共 {redArea:0.##} m²）位于「{l.NameZh}」成果有效的区域评估单元内，其余 {uncoveredArea:0.##} m² 未被覆盖，{l.ApprovalsZh}仍需单独开展评估。{zhTail}"),
                    string.Create(Inv, $"Only {share:0.##}% of the red line ({coveredArea:0.##} m² of {redArea:0.##} m²) lies within areas whose {l.NameEn} ({l.NameZh}) result is valid on {l.DateText}; {uncoveredArea:0.##} m² is not covered, so {l.ApprovalsEn} still need the project's own assessment.{enTail}"));
            }
            default:
            {
                if (sources.Count == 0)
                    return new Explanation(
                        $"项目红线不在任何具有「{l.NameZh}」成果的区域评估单元内，{l.ApprovalsZh}需单独开展评估。",
                        $"No assessment area with a {l.NameEn} ({l.NameZh}) result covers the red line: {l.ApprovalsEn} need the project's own assessment.");
                var (zhTail, enTail) = Unusable(sources, l);
                return new Explanation(
                    $"项目红线所在区域评估单元的「{l.NameZh}」成果在 {l.DateText} 不可用，{l.ApprovalsZh}需单独开展评估。{zhTail}",
                    $"The red line lies in assessment areas whose {l.NameEn} ({l.NameZh}) result cannot be used on {l.DateText}, so {l.ApprovalsEn} need the project's own assessment.{enTail}");
            }
        }
    }

    /// <summary>Why the results that lie under the red line but do not count cannot be used (expired / not yet valid), with their dates.</summary>
    private static (string Zh, string En) Unusable(List<ResultSource> sources, Label l)
    {
        var zh = new List<string>();
        var en = new List<string>();
        foreach (var s in sources.Where(s => s.State != ValidityState.Valid))
        {
            if (s.State == ValidityState.Expired)
            {
                var end = s.Item.Validity.To!.Value.ToString("yyyy-MM-dd", Inv);
                zh.Add($"{s.Area.Label} 的成果已于 {end} 到期（核查日期 {l.DateText}），过期成果不能复用。");
                en.Add($" The result of {s.Area.Label} expired after {end} (checked on {l.DateText}): expired results are never eligible.");
            }
            else
            {
                var start = s.Item.Validity.From.ToString("yyyy-MM-dd", Inv);
                zh.Add($"{s.Area.Label} 的成果自 {start} 起生效，核查日期 {l.DateText} 尚未生效。");
                en.Add($" The result of {s.Area.Label} takes effect only on {start} (checked on {l.DateText}).");
            }
        }
        return (string.Concat(zh), string.Concat(en));
    }

    /// <summary>A note for each pair of results of the item whose areas overlap under the red line: which one applies there, and why.</summary>
    private static IReadOnlyList<Explanation> OverlapNotes(Label l, List<(AssessmentRegistry.Entry Entry, AssessedItem Item)> candidates,
        List<ResultSource> sources, Dictionary<AssessmentRegistry.Entry, Geometry> overlaps, GeometryFactory factory, double tolerance)
    {
        var notes = new List<Explanation>();
        for (var i = 0; i < candidates.Count; i++)
        for (var j = i + 1; j < candidates.Count; j++)
        {
            // candidates are newest first: i is newer than j
            var a = overlaps[candidates[i].Entry];
            var b = overlaps[candidates[j].Entry];
            if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal)) continue;
            var shared = SafeOverlay.Intersection(a, b, null).Result?.Area ?? 0;
            if (shared <= tolerance) continue;
            var (newer, older) = (sources[i], sources[j]);
            var applied = newer.State == ValidityState.Valid ? newer : older.State == ValidityState.Valid ? older : null;
            var both = $"{newer.Area.Label} 与 {older.Area.Label}";
            var bothEn = $"{newer.Area.Label} and {older.Area.Label}";
            var issuedNewer = newer.Item.Issued.ToString("yyyy-MM-dd", Inv);
            var issuedOlder = older.Item.Issued.ToString("yyyy-MM-dd", Inv);
            if (applied is null)
                notes.Add(new Explanation(
                    string.Create(Inv, $"区域评估单元 {both} 的「{l.NameZh}」成果在红线内重叠 {shared:0.##} m²，两者在 {l.DateText} 均不可用。"),
                    string.Create(Inv, $"Assessment areas {bothEn} both hold a {l.NameEn} result and overlap on {shared:0.##} m² of the red line; neither is valid on {l.DateText}.")));
            else if (applied == newer && older.State == ValidityState.Valid)
                notes.Add(new Explanation(
                    string.Create(Inv, $"区域评估单元 {both} 的「{l.NameZh}」成果在红线内重叠 {shared:0.##} m²，两者均有效；重叠部分采用最新的 {newer.Area.Label} 成果（{issuedNewer} 批复，另一成果 {issuedOlder} 批复）。"),
                    string.Create(Inv, $"Assessment areas {bothEn} both hold a valid {l.NameEn} result and overlap on {shared:0.##} m² of the red line; there the most recent one, {newer.Area.Label}'s (approved {issuedNewer}; the other {issuedOlder}), is used.")));
            else
            {
                var other = applied == newer ? older : newer;
                var why = other.State == ValidityState.Expired
                    ? ($"已于 {other.Item.Validity.To!.Value.ToString("yyyy-MM-dd", Inv)} 到期", $"expired after {other.Item.Validity.To!.Value.ToString("yyyy-MM-dd", Inv)}")
                    : ($"自 {other.Item.Validity.From.ToString("yyyy-MM-dd", Inv)} 起才生效", $"takes effect only on {other.Item.Validity.From.ToString("yyyy-MM-dd", Inv)}");
                notes.Add(new Explanation(
                    string.Create(Inv, $"区域评估单元 {both} 的「{l.NameZh}」成果在红线内重叠 {shared:0.##} m²；{other.Area.Label} 的成果{why.Item1}，重叠部分采用有效的 {applied.Area.Label} 成果。"),
                    string.Create(Inv, $"Assessment areas {bothEn} both hold a {l.NameEn} result and overlap on {shared:0.##} m² of the red line; {other.Area.Label}'s result {why.Item2}, so the valid one, {applied.Area.Label}'s, is used there.")));
            }
        }
        return notes;
    }
}
