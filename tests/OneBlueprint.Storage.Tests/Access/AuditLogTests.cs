using System.Text.Json.Nodes;
using Npgsql;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Access;

public sealed class AuditLogTests
{
    [Theory]
    [InlineData("UPDATE ob.audit_log SET actor = 'mallory'")]
    [InlineData("DELETE FROM ob.audit_log")]
    [InlineData("DELETE FROM ob.audit_log WHERE id = -1")]
    [InlineData("TRUNCATE ob.audit_log")]
    public async Task AuditLog_ChangingRows_IsRefused(string sql)
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using (var conn = await scratch.Database.OpenConnectionAsync())
            await AuditLog.AppendAsync(conn, null, new AuditEntry("alice", "admin", "test.write", "thing", "1", Details: new JsonObject { ["n"] = 1 }));

        var e = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(scratch.DataSource, sql));

        Assert.Contains("append-only", e.MessageText);
        var rows = await AuditLog.ListAsync(scratch.Database);
        Assert.Equal("alice", Assert.Single(rows).Entry.Actor);
    }

    [Fact]
    public async Task AppendAsync_InsideRolledBackTransaction_LeavesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using (var conn = await scratch.Database.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await AuditLog.AppendAsync(conn, tx, new AuditEntry("bob", null, "test.write", "thing"));
            await tx.RollbackAsync();
        }

        Assert.Empty(await AuditLog.ListAsync(scratch.Database));
    }

    [Fact]
    public async Task ListAsync_FiltersByEntity_NewestFirst()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using (var conn = await scratch.Database.OpenConnectionAsync())
        {
            await AuditLog.AppendAsync(conn, null, new AuditEntry("a", null, "x.one", "layer", "HP", AfterId: 7));
            await AuditLog.AppendAsync(conn, null, new AuditEntry("a", null, "x.two", "project", "P1"));
            await AuditLog.AppendAsync(conn, null, new AuditEntry("a", null, "x.three", "layer", "HP", BeforeId: 7, AfterId: 8));
        }

        var rows = await AuditLog.ListAsync(scratch.Database, entity: "layer", entityId: "HP");

        Assert.Equal(["x.three", "x.one"], rows.Select(r => r.Entry.Action));
        Assert.Equal(7, rows[0].Entry.BeforeId);
        Assert.Equal(8, rows[0].Entry.AfterId);
    }
}
