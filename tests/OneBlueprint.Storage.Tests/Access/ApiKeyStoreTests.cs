using System.Security.Cryptography;
using System.Text;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Access;

public sealed class ApiKeyStoreTests
{
    [Fact]
    public async Task Create_Verify_Revoke()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var keys = new ApiKeyStore(scratch.Database);

        var created = await keys.CreateAsync("郑州市自然资源局 GIS", ApiRoles.Admin, "setup");
        var principal = await keys.VerifyAsync(created.PlaintextKey);

        Assert.Equal(("郑州市自然资源局 GIS", "admin"), (principal!.Name, principal.Role));
        Assert.Equal(created.Id, principal.KeyId);
        Assert.StartsWith($"ob_{created.KeyPrefix}_", created.PlaintextKey);

        Assert.True(await keys.RevokeAsync(created.Id, "setup"));
        Assert.Null(await keys.VerifyAsync(created.PlaintextKey));
        Assert.True((await keys.ListAsync()).Single().IsRevoked);
        Assert.False(await keys.RevokeAsync(424242));
        Assert.Equal(["apikey.revoke", "apikey.create"], (await AuditLog.ListAsync(scratch.Database)).Select(a => a.Entry.Action));
    }

    [Fact]
    public async Task Create_StoresOnlyTheHashOfTheSecret()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var keys = new ApiKeyStore(scratch.Database);

        var created = await keys.CreateAsync("planner 1", ApiRoles.Planner);
        var secret = created.PlaintextKey[("ob_".Length + created.KeyPrefix.Length + 1)..];

        var stored = await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT key_hash FROM ob.api_key WHERE id = $1", created.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored);
        // the secret appears nowhere in the database
        var everything = await Sql.ScalarAsync<string>(scratch.DataSource,
            "SELECT (SELECT string_agg(t::text, '|') FROM ob.api_key t) || (SELECT string_agg(a::text, '|') FROM ob.audit_log a)");
        Assert.DoesNotContain(secret, everything);
        Assert.Equal(32, Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("ob_000000000000_wrongsecret")]
    [InlineData("ob_short_secret")]
    public async Task Verify_MalformedOrUnknown_IsNull(string? key)
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var keys = new ApiKeyStore(scratch.Database);
        await keys.CreateAsync("reviewer", ApiRoles.Reviewer);

        Assert.Null(await keys.VerifyAsync(key));
    }

    [Fact]
    public async Task Verify_RightPrefixWrongSecret_IsNull()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var keys = new ApiKeyStore(scratch.Database);
        var created = await keys.CreateAsync("reviewer", ApiRoles.Reviewer);

        Assert.Null(await keys.VerifyAsync($"ob_{created.KeyPrefix}_{new string('A', 43)}"));
    }

    [Fact]
    public async Task Create_UnknownRole_IsRejected()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<InputException>(() => new ApiKeyStore(scratch.Database).CreateAsync("x", "root"));

        Assert.Equal(422, e.StatusCode);
        Assert.Contains("admin, planner, reviewer", e.Problems[0].HowToFix);
    }
}
