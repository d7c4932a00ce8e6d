using Npgsql;

namespace OneBlueprint.Storage.Tests.Support;

/// <summary>Small SQL helpers for asserting on what PostGIS itself says.</summary>
public static class Sql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource ds, string sql, params object[] args)
    {
        await using var cmd = ds.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
        var value = await cmd.ExecuteScalarAsync();
        return (T)value!;
    }

    public static async Task<int> ExecAsync(NpgsqlDataSource ds, string sql, params object[] args)
    {
        await using var cmd = ds.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
        return await cmd.ExecuteNonQueryAsync();
    }
}
