using System.Runtime.CompilerServices;
using OneBlueprint.Engines.Assessment.Catalogue;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// The published assessment areas of a database as an in-memory <see cref="AssessmentRegistry"/>, rebuilt only when
/// the published set changed (one cheap stamp query per use: count and ids of the published versions). A city has
/// tens to hundreds of areas, so a rebuild is quick; the cache only spares re-reading geometry on every request.
/// One cache per <see cref="ObDatabase"/>, so servers and the CLI share none of it and tests stay isolated.
/// </summary>
public sealed class AssessmentRegistryCache
{
    private static readonly ConditionalWeakTable<ObDatabase, AssessmentRegistryCache> Caches = new();
    private readonly ObDatabase _db;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Stamp, AssessmentRegistry Registry)? _current;

    private AssessmentRegistryCache(ObDatabase db) => _db = db;

    public static AssessmentRegistryCache For(ObDatabase db) => Caches.GetValue(db, d => new AssessmentRegistryCache(d));

    /// <summary>The item catalogue in effect: OB_ASSESSMENT_ITEMS names a file, else the embedded defaults.</summary>
    public static AssessmentItemCatalogue Catalogue { get; } = AssessmentItemCatalogue.FromEnvironment();

    public async Task<AssessmentRegistry> GetAsync(CancellationToken ct)
    {
        var store = new AssessmentStore(_db);
        var stamp = await store.PublishedStampAsync(ct);
        if (_current is { } c && c.Stamp == stamp) return c.Registry;
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Stamp == stamp) return again.Registry;
            var areas = await store.ListPublishedAsync(ct);
            var registry = new AssessmentRegistry(areas.Select(a => a.ToEngine()), Catalogue);
            _current = (stamp, registry);
            return registry;
        }
        finally
        {
            _gate.Release();
        }
    }
}
