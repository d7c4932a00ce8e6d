namespace OneBlueprint.Storage.Database;

/// <summary>What <see cref="Migrator.MigrateAsync"/> did: the migrations it applied now (empty when the
/// schema was up to date) and the working SRID in force.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> AppliedNow, int AppliedTotal, int WorkingSrid);
