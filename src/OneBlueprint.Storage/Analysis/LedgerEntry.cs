namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// One row of the conflict ledger (冲突台账): a patch number (DKBH) of a series with its status (待处理 → 协调中 →
/// 已协调 / 保留差异), 协调方式 (XTFS: 按土规 / 按城规 / 其他), 调整缘由 (TZYY), the runs it was first and last found in,
/// the run it vanished in (null while present) and its history.
/// </summary>
public sealed record LedgerEntry(
    string Series,
    string Dkbh,
    string Status,
    string? Xtfs,
    string? Tzyy,
    long FirstJobId,
    long LastJobId,
    long? VanishedJobId,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<LedgerEvent> Events);

/// <summary>One change of a ledger entry: found / changed / vanished by a run, or a status move or opinion by a person.</summary>
public sealed record LedgerEvent(
    long Id,
    DateTimeOffset At,
    string By,
    string Event,
    string? StatusFrom,
    string? StatusTo,
    string? Xtfs,
    string? Tzyy,
    string? Department,
    string? Opinion,
    long? JobId);
