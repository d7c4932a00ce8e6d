namespace OneBlueprint.Storage.Access;

/// <summary>An audit row as stored: the entry plus its id and time.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, AuditEntry Entry);
