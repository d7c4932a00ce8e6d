using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Attributes;

public sealed class AttributeJsonTests
{
    private static OrderedDictionary<string, object?> Sample() => new()
    {
        ["ZLDWMC"] = "郑州市中牟县官渡镇",
        ["DLMC"] = "水田",
        ["BSM"] = 1234567890123L,
        ["TBMJ"] = 1.0,
        ["KCXS"] = 0.0523,
        ["SFJBNT"] = true,
        ["BZ"] = null,
        ["引号"] = "say \"hi\"\n\t<tag>&",
        ["GXSJ"] = new DateOnly(2024, 6, 1),
        ["RKSJ"] = new DateTime(2024, 6, 1, 8, 30, 15, DateTimeKind.Utc),
        ["AAA"] = "sorted-last-by-name-but-kept-here",
    };

    [Fact]
    public void Serialize_RoundTrip_KeepsOrderTypesAndText()
    {
        var original = Sample();
        var kinds = AttributeJson.InferKinds([original]);

        var back = new OrderedDictionary<string, object?>();
        AttributeJson.Deserialize(AttributeJson.Serialize(original), back, AttributeJson.DeserializeKinds(AttributeJson.SerializeKinds(kinds)));

        Assert.Equal(original.Keys, back.Keys);
        foreach (var (key, value) in original)
        {
            Assert.Equal(value?.GetType(), back[key]?.GetType());
            Assert.Equal(value, back[key]);
        }
    }

    [Fact]
    public async Task Serialize_PostgresJson_SeesSameKeysInSameOrderAndValues()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var original = Sample();
        var json = AttributeJson.Serialize(original);

        await using var cmd = scratch.DataSource.CreateCommand(
            "SELECT k, ($1::json) ->> k FROM json_object_keys($1::json) WITH ORDINALITY AS t(k, n) ORDER BY n");
        cmd.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync();
        var seen = new List<(string Key, string? Value)>();
        while (await r.ReadAsync()) seen.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));

        Assert.Equal(original.Keys, seen.Select(s => s.Key));
        Assert.Equal("郑州市中牟县官渡镇", seen.Single(s => s.Key == "ZLDWMC").Value);
        Assert.Equal("1234567890123", seen.Single(s => s.Key == "BSM").Value);
        Assert.Equal("say \"hi\"\n\t<tag>&", seen.Single(s => s.Key == "引号").Value);
        Assert.Null(seen.Single(s => s.Key == "BZ").Value);
        Assert.Equal("2024-06-01", seen.Single(s => s.Key == "GXSJ").Value);
        Assert.Equal(0.0523, double.Parse(seen.Single(s => s.Key == "KCXS").Value!, System.Globalization.CultureInfo.InvariantCulture));
        // readable in psql: Chinese is stored as text, not \u escapes
        Assert.Contains("郑州市", json);
    }

    [Fact]
    public void InferKinds_MixedDateAndText_IsNotADate()
    {
        var kinds = AttributeJson.InferKinds([
            new Dictionary<string, object?> { ["D"] = new DateOnly(2024, 1, 1), ["M"] = new DateOnly(2024, 1, 1) },
            new Dictionary<string, object?> { ["D"] = null, ["M"] = "unknown" },
        ]);

        Assert.Equal(AttributeKind.Date, kinds["D"]);
        Assert.False(kinds.ContainsKey("M"));
    }
}
