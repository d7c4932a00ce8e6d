using System.Globalization;

namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>Whether a result may be used on a given day.</summary>
public enum ValidityState
{
    Valid,
    Expired,
    NotYetValid,
}

/// <summary>
/// The days a result may be reused: from <see cref="From"/> (成果生效日期, QYPGCGSXRQ) to <see cref="To"/> (成果截止日期,
/// QYPGCGJZRQ), both inclusive; no end means until revoked. Invariant: <see cref="To"/> is not before <see cref="From"/>.
/// </summary>
public sealed record ValidityPeriod
{
    public ValidityPeriod(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end < from)
            throw new ArgumentException($"the validity ends ({end:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})", nameof(to));
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly? To { get; }

    public ValidityState On(DateOnly date) =>
        date < From ? ValidityState.NotYetValid
        : To is { } end && date > end ? ValidityState.Expired
        : ValidityState.Valid;

    /// <summary>Overlap of two periods (a day in common).</summary>
    public bool Overlaps(ValidityPeriod other) =>
        From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} – {(To is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")}");
}
