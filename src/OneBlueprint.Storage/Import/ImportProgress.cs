namespace OneBlueprint.Storage.Import;

/// <summary>The phases of an import, in order.</summary>
public enum ImportStage
{
    /// <summary>Transforming to the working SRID, validating (and repairing), encoding.</summary>
    Prepare,
    /// <summary>Streaming features into PostGIS (binary COPY).</summary>
    Copy,
    /// <summary>Audit row and commit.</summary>
    Commit,
    Done,
}

/// <summary>
/// Where an import is: <see cref="Done"/> of <see cref="Total"/> features in <see cref="Stage"/>, and
/// <see cref="Percent"/> of the whole import (Prepare counts for 0–40 %, Copy 40–95 %, Commit 95–100 %).
/// Reported on the importing thread, at most about once per percent.
/// </summary>
public sealed record ImportProgress(ImportStage Stage, int Done, int Total)
{
    public double Percent
    {
        get
        {
            var fraction = Total == 0 ? 1.0 : (double)Done / Total;
            return Stage switch
            {
                ImportStage.Prepare => 40 * fraction,
                ImportStage.Copy => 40 + 55 * fraction,
                ImportStage.Commit => 95 + 5 * fraction,
                _ => 100,
            };
        }
    }
}
