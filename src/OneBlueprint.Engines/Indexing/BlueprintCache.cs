namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// Holds the current <see cref="BlueprintSnapshot"/> of a running service. The snapshot sits in one field that is
/// read with <see cref="Volatile.Read{T}(ref T)"/> and replaced with a compare-and-swap, so:
/// <list type="bullet">
/// <item>a new layer version is built completely (<see cref="ControlLayerIndex.Build"/>) before it is published,
/// and publishing is a single reference swap;</item>
/// <item>a check takes <see cref="Current"/> once and uses that snapshot throughout, so it never sees half a
/// version nor a mix of old and new versions published together;</item>
/// <item>concurrent publishers do not lose each other's layers (the swap retries on a lost race).</item>
/// </list>
/// Old snapshots are dropped by the garbage collector when the last check using them ends.
/// </summary>
public sealed class BlueprintCache
{
    private BlueprintSnapshot _current;

    public BlueprintCache(BlueprintSnapshot? initial = null) => _current = initial ?? BlueprintSnapshot.Empty;

    /// <summary>The snapshot to run a check on; take it once per check.</summary>
    public BlueprintSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Publishes a built layer version (adding or replacing its code); returns the snapshot now current.</summary>
    public BlueprintSnapshot Publish(ControlLayerIndex layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Update(s => s.With(layer));
    }

    /// <summary>Publishes several layer versions as one step: no check sees some of them without the others.</summary>
    public BlueprintSnapshot Publish(IEnumerable<ControlLayerIndex> layers)
    {
        var list = layers.ToArray();
        return Update(s => list.Aggregate(s, (snapshot, layer) => snapshot.With(layer)));
    }

    /// <summary>Removes a layer; returns the snapshot now current.</summary>
    public BlueprintSnapshot Remove(string code) => Update(s => s.Without(code));

    /// <summary>Replaces the whole snapshot.</summary>
    public BlueprintSnapshot Replace(BlueprintSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current snapshot and swaps the result in, retrying if another
    /// publisher swapped first. <paramref name="change"/> must be free of side effects (it may run more than once).
    /// </summary>
    public BlueprintSnapshot Update(Func<BlueprintSnapshot, BlueprintSnapshot> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var seen = Volatile.Read(ref _current);
            var next = change(seen);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, seen), seen)) return next;
        }
    }
}
