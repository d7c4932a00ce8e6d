namespace OneBlueprint.Storage.Access;

/// <summary>An API key as listed: never the secret, only the public prefix that identifies it.</summary>
public sealed record ApiKeyInfo(long Id, string Name, string Role, string KeyPrefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
