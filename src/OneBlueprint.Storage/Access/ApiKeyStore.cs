using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Storage.Access;

/// <summary>
/// API keys. A key is "ob_&lt;prefix&gt;_&lt;secret&gt;": the prefix (12 hex digits, stored, unique) finds the row,
/// the secret (32 random bytes, base64url) proves possession. Only SHA-256(secret) is stored, so a database
/// dump reveals no usable key; verification compares hashes in constant time. A plain hash (no slow KDF)
/// is right here because the secret has 256 random bits — there is nothing to brute-force.
/// </summary>
public sealed class ApiKeyStore
{
    private const string Scheme = "ob";
    private readonly ObDatabase _db;

    public ApiKeyStore(ObDatabase db) => _db = db;

    /// <summary>Creates a key for <paramref name="name"/> in <paramref name="role"/>; the result holds the only copy of the secret.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, string role, string createdBy = "system", CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new InputException(InputProblem.Error("apikey.name_missing", "an API key needs a name", null,
                "Name the key after the person or system that will use it."), 422);
        if (!ApiRoles.IsKnown(role))
            throw new InputException(InputProblem.Error("apikey.role_unknown", $"role '{role}' does not exist", null,
                $"Use one of: {string.Join(", ", ApiRoles.All)}."), 422);

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long id;
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO ob.api_key (name, role, key_prefix, key_hash) VALUES ($1, $2, $3, $4) RETURNING id", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = name.Trim() });
            cmd.Parameters.Add(new() { Value = role });
            cmd.Parameters.Add(new() { Value = prefix });
            cmd.Parameters.Add(new() { Value = HashHex(secret) });
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(createdBy, null, "apikey.create", "api_key", id.ToString(),
            AfterId: id, Details: new JsonObject { ["name"] = name.Trim(), ["role"] = role, ["prefix"] = prefix }), ct);
        await tx.CommitAsync(ct);
        return new CreatedApiKey(id, name.Trim(), role, prefix, $"{Scheme}_{prefix}_{secret}");
    }

    /// <summary>The key's owner, or null for a malformed, unknown or revoked key.</summary>
    public async Task<ApiPrincipal?> VerifyAsync(string? plaintextKey, CancellationToken ct = default)
    {
        if (!TryParse(plaintextKey, out var prefix, out var secret)) return null;
        await using var cmd = _db.DataSource.CreateCommand(
            "SELECT id, name, role, key_hash FROM ob.api_key WHERE key_prefix = $1 AND revoked_at IS NULL");
        cmd.Parameters.Add(new() { Value = prefix });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var stored = Convert.FromHexString(r.GetString(3));
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(stored, presented)
            ? new ApiPrincipal(r.GetString(1), r.GetString(2)) { KeyId = r.GetInt64(0) }
            : null;
    }

    /// <summary>Revokes a key (idempotent); false when no such key exists.</summary>
    public async Task<bool> RevokeAsync(long id, string revokedBy = "system", CancellationToken ct = default)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int changed;
        await using (var cmd = new NpgsqlCommand(
            "UPDATE ob.api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            changed = await cmd.ExecuteNonQueryAsync(ct);
        }
        if (changed == 0)
        {
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM ob.api_key WHERE id = $1", conn, tx);
            exists.Parameters.Add(new() { Value = id });
            return (long)(await exists.ExecuteScalarAsync(ct))! > 0;
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(revokedBy, null, "apikey.revoke", "api_key", id.ToString(), BeforeId: id), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>All keys, newest first, without secrets.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand(
            "SELECT id, name, role, key_prefix, created_at, revoked_at FROM ob.api_key ORDER BY id DESC");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ApiKeyInfo>();
        while (await r.ReadAsync(ct))
            list.Add(new ApiKeyInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)));
        return list;
    }

    /// <summary>Splits "ob_&lt;prefix&gt;_&lt;secret&gt;"; the secret may itself contain '_' (base64url).</summary>
    public static bool TryParse(string? key, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (string.IsNullOrEmpty(key) || !key.StartsWith(Scheme + "_", StringComparison.Ordinal)) return false;
        var rest = key.AsSpan(Scheme.Length + 1);
        var cut = rest.IndexOf('_');
        if (cut != 12) return false;
        prefix = rest[..cut].ToString();
        secret = rest[(cut + 1)..].ToString();
        return secret.Length > 0 && prefix.All(Uri.IsHexDigit);
    }

    /// <summary>SHA-256 of the secret as lower-case hex: what ob.api_key.key_hash holds.</summary>
    public static string HashHex(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
