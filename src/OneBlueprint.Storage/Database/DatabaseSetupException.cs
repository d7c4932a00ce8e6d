namespace OneBlueprint.Storage.Database;

/// <summary>
/// The database cannot be used as it is: unreachable, PostGIS missing, a migration edited after it was
/// applied, or a working SRID that differs from the configured one. The message says what to do; it is a
/// start-up error, not a per-request one.
/// </summary>
public sealed class DatabaseSetupException : Exception
{
    public DatabaseSetupException(string message, Exception? inner = null) : base(message, inner) { }
}
