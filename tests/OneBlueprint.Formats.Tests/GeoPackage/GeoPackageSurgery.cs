using Microsoft.Data.Sqlite;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>
/// Edits a GeoPackage behind the format's back to build damaged or unusual files. The RTree triggers call
/// ST_IsEmpty/ST_MinX…, which plain SQLite lacks, so stand-ins are registered (the index is not the subject).
/// </summary>
internal static class GeoPackageSurgery
{
    public static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        connection.CreateFunction("ST_IsEmpty", (byte[]? g) => 0L);
        foreach (var name in new[] { "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY" })
            connection.CreateFunction(name, (byte[]? g) => 0.0);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    public static void ReplaceGeometry(string path, string table, long fid, byte[] blob) =>
        Execute(path, $"UPDATE \"{table}\" SET geom = $blob WHERE fid = $fid", ("$blob", blob), ("$fid", fid));
}
