using OneBlueprint.Server.Tests.Support;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using NetTopologySuite.Geometries;
using Npgsql;
using OneBlueprint.Cli.Demo;
using OneBlueprint.DemoCity;
using OneBlueprint.Server.Tests.Compliance;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// The demo city (demo scale, seed 2026) with its regional assessment — development zones, five units, six area
/// versions, one of them a draft — loaded into its own scratch database by the demo loader, and the real server over
/// it. Shared by the assessment test classes (one collection); tests that write name their own units or projects.
/// </summary>
public sealed class AssessmentDemoServer : IAsyncLifetime
{
    /// <summary>The day the tests judge validity on: the demo's expired 环评 (2025-06-30) is expired, 水资源论证 ends within 90 days.</summary>
    public static readonly DateOnly Day = new(2026, 11, 24);

    public DemoCity.DemoCity City { get; private set; } = null!;
    public ScratchDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Planner { get; private set; } = null!;
    public HttpClient Reviewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var generating = Task.Run(() => DemoCityGenerator.Generate(DemoScale.Demo, DemoCityServer.Seed));
        Database = await ScratchDatabase.CreateAsync();
        City = await generating;
        await new DemoCityLoader(Database.Database).LoadAsync(City, null, null, CancellationToken.None);
        Uri address;
        (App, address) = await DemoCityServer.StartServerAsync(Database.ConnectionString, pollSeconds: 0);
        var keys = new ApiKeyStore(Database.Database);
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        Admin = await KeyedClient.CreateAsync(keys, address, "assessment-admin", "admin");
        Planner = await KeyedClient.CreateAsync(keys, address, "assessment-planner", "planner");
        Reviewer = await KeyedClient.CreateAsync(keys, address, "assessment-reviewer", "reviewer");
    }

    /// <summary>The published version of a unit as stored (id, geometry in EPSG:4547).</summary>
    public async Task<(long Id, Geometry Geometry)> PublishedAsync(string unitCode)
    {
        await using var cmd = Database.DataSource.CreateCommand("SELECT id, ST_AsEWKB(geom) FROM ob.assessment_area WHERE unit_code = $1 AND status = 'published'");
        cmd.Parameters.Add(new NpgsqlParameter { Value = unitCode });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"{unitCode} is not published");
        return (r.GetInt64(0), GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(1)));
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Database.DataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<(int Status, JsonNode? Json)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AssessmentDemoServerCollection : ICollectionFixture<AssessmentDemoServer>
{
    public const string Name = "assessment demo server";
}
