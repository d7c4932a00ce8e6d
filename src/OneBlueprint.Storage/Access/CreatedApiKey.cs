namespace OneBlueprint.Storage.Access;

/// <summary>A newly created key: <see cref="PlaintextKey"/> ("ob_&lt;prefix&gt;_&lt;secret&gt;") exists only here, shown once.</summary>
public sealed record CreatedApiKey(long Id, string Name, string Role, string KeyPrefix, string PlaintextKey);
