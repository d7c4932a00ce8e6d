namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// A change to a ledger entry: a new status, 协调方式, 调整缘由, and/or a department's opinion. Fields left null stay
/// as they are; at least one must be given.
/// </summary>
public sealed record LedgerUpdate(string? Status = null, string? Xtfs = null, string? Tzyy = null, string? Department = null, string? Opinion = null);
