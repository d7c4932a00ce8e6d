namespace OneBlueprint.Storage.Access;

/// <summary>Who a verified API key belongs to: the key's name and role (one of <see cref="ApiRoles"/>).</summary>
public sealed record ApiPrincipal(string Name, string Role)
{
    /// <summary>ob.api_key.id of the key that was presented, when it came from the store.</summary>
    public long? KeyId { get; init; }
}
