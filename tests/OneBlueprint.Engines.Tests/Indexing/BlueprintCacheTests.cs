using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;

namespace OneBlueprint.Engines.Tests.Indexing;

public class BlueprintCacheTests
{
    /// <summary>Version v of a layer: one square whose side grows with v, so an area tells which version was read.</summary>
    private static ControlLayerIndex Version(string code, long version) =>
        ControlLayerIndex.Build(code, version, Shapes.Srid, [new ControlFeature(1, Shapes.Square(0, 0, 10 + version))]);

    [Fact]
    public void Publish_NewVersion_SnapshotTakenBeforeStillSeesTheOldOne()
    {
        var cache = new BlueprintCache();
        cache.Publish(Version("STBHHX", 1));
        var before = cache.Current;
        cache.Publish(Version("STBHHX", 2));

        var redLine = RedLine.Create(Shapes.Square(-100, -100, 1000), Shapes.Srid);
        var old = TestEngines.Fast.Check(redLine, new ComplianceRequest(), before);
        var now = TestEngines.Fast.Check(redLine, new ComplianceRequest(), cache);
        Assert.Equal(1, old.Versions.Single().LayerVersionId);
        Assert.Equal(11.0 * 11.0, old.Layers[0].OverlapAreaM2, 9);
        Assert.Equal(2, now.Versions.Single().LayerVersionId);
        Assert.Equal(12.0 * 12.0, now.Layers[0].OverlapAreaM2, 9);
    }

    [Fact]
    public void Check_WhileVersionsArePublished_UsesOneConsistentSnapshot()
    {
        // Two layers are always published together with the same version number; a check must never report a mix,
        // and every area must be the one of the version it reports.
        var versions = Enumerable.Range(1, 6).Select(v => (Eco: Version("STBHHX", v), Farm: Version("YJJBNTBHTB", v))).ToArray();
        var cache = new BlueprintCache();
        cache.Publish([versions[0].Eco, versions[0].Farm]);
        var redLine = RedLine.Create(Shapes.Square(-100, -100, 1000), Shapes.Srid);
        var stop = false;
        var published = 0;
        var seen = new HashSet<long>();
        var failures = 0;
        var checks = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int SeenCount() { lock (seen) return seen.Count; }

        // Dedicated threads, not the pool: other tests keep the pool busy, and the publisher must really run
        // while the checks do.
        var publisher = new Thread(() =>
        {
            var i = 0;
            while (!Volatile.Read(ref stop))
            {
                var (eco, farm) = versions[++i % versions.Length];
                cache.Publish([eco, farm]);
                Interlocked.Increment(ref published);
            }
        });
        var checkers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            // Until enough of both happened AND the checks met two versions: on a loaded machine the
            // scheduler may run all checks between two publications, which proves nothing either way.
            while (DateTime.UtcNow < deadline && (Volatile.Read(ref published) < 200 || Volatile.Read(ref checks) < 2000 || SeenCount() < 2))
            {
                var result = TestEngines.Fast.Check(redLine, new ComplianceRequest(), cache);
                var ids = result.Versions.Select(v => v.LayerVersionId).Distinct().ToArray();
                var ok = ids.Length == 1 && result.Layers.All(l => Math.Abs(l.OverlapAreaM2 - (10.0 + ids[0]) * (10.0 + ids[0])) < 1e-6);
                if (!ok) Interlocked.Increment(ref failures);
                Interlocked.Increment(ref checks);
                lock (seen) seen.Add(ids[0]);
            }
        })).ToArray();
        publisher.Start();
        foreach (var t in checkers) t.Start();
        foreach (var t in checkers) t.Join();
        Volatile.Write(ref stop, true);
        publisher.Join();

        Assert.Equal(0, failures);
        Assert.True(seen.Count > 1, $"the checks saw only version {string.Join(",", seen)} ({published} publications, {checks} checks)");
    }

    [Fact]
    public void Publish_FromManyThreads_LosesNoLayer()
    {
        var cache = new BlueprintCache();
        var codes = Enumerable.Range(0, 64).Select(i => $"L{i:00}").ToArray();
        var layers = codes.Select(c => Version(c, 1)).ToArray();
        Parallel.ForEach(layers, layer => cache.Publish(layer));
        Assert.Equal(codes, cache.Current.Layers.Select(l => l.Code));
    }

    [Fact]
    public void Snapshot_LayersInDifferentCrs_AreRefused()
    {
        var a = Version("A", 1);
        var b = ControlLayerIndex.Build("B", 1, 4546, [new ControlFeature(1, Shapes.Square(0, 0, 10))]);
        Assert.Throws<ArgumentException>(() => new BlueprintSnapshot([a, b]));
        Assert.Throws<ArgumentException>(() => new BlueprintSnapshot([a, Version("A", 2)]));
    }
}
