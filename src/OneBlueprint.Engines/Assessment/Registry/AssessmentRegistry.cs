using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.Engines.Assessment.Catalogue;

namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>
/// The published assessment areas of a city at one moment, indexed for look-ups (an STR-tree over the areas' boxes,
/// each area's geometry prepared once), with the item catalogue that names their items. Immutable and thread-safe:
/// build a new one when the published set changes.
/// </summary>
public sealed class AssessmentRegistry
{
    private readonly STRtree<Entry> _index = new();
    private readonly Entry[] _entries;

    internal sealed class Entry(AssessmentArea area)
    {
        private readonly Lazy<IPreparedGeometry> _prepared = new(() => PreparedGeometryFactory.Prepare(area.Geometry));
        public AssessmentArea Area { get; } = area;
        public IPreparedGeometry Prepared => _prepared.Value;
    }

    public AssessmentRegistry(IEnumerable<AssessmentArea> areas, AssessmentItemCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Catalogue = catalogue ?? AssessmentItemCatalogue.Default;
        _entries = areas.Select(a => new Entry(a)).ToArray();
        foreach (var e in _entries)
            if (!e.Area.Geometry.IsEmpty) _index.Insert(e.Area.Geometry.EnvelopeInternal, e);
        _index.Build();
    }

    public static AssessmentRegistry Empty { get; } = new([]);

    public AssessmentItemCatalogue Catalogue { get; }

    public IReadOnlyList<AssessmentArea> Areas => _entries.Select(e => e.Area).ToArray();

    public int Count => _entries.Length;

    /// <summary>Item codes in output order: the catalogue's, then codes the areas hold that the catalogue does not know.</summary>
    public IReadOnlyList<string> ItemCodes =>
        Catalogue.Items.Select(i => i.Code)
            .Concat(_entries.SelectMany(e => e.Area.Items).Select(i => i.ItemCode)
                .Where(c => Catalogue.Find(c) is null).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            .ToArray();

    /// <summary>Areas whose geometry intersects <paramref name="geometry"/> (boundary contact included).</summary>
    internal IEnumerable<Entry> Intersecting(Geometry geometry)
    {
        if (geometry.IsEmpty) yield break;
        foreach (var e in _index.Query(geometry.EnvelopeInternal))
            if (e.Prepared.Intersects(geometry)) yield return e;
    }

    /// <summary>Areas that contain the point (boundary included), in id order.</summary>
    public IReadOnlyList<AssessmentArea> At(Point point) =>
        _index.Query(point.EnvelopeInternal).Where(e => e.Prepared.Intersects(point)).Select(e => e.Area).OrderBy(a => a.Id).ToArray();
}
