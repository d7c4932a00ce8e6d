using OneBlueprint.Server.Tests.Support;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OneBlueprint.Cli.Demo;
using OneBlueprint.DemoCity;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>
/// The demo city (demo scale, seed 2026: 20k farmland patches, ecological redlines, the urban boundary, four lines and
/// eight projects) generated once, loaded into a scratch PostGIS database, and the real server started over it with
/// its blueprint loaded (it waits for /health/ready). Shared by every compliance test class (one collection), since
/// generating the city takes seconds. Tests that import layer versions re-import identical features, so the
/// blueprint's content stays what the other tests expect.
/// </summary>
public sealed class DemoCityServer : IAsyncLifetime
{
    public const int Seed = 2026;

    public DemoCity.DemoCity City { get; private set; } = null!;
    public ScratchDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Planner { get; private set; } = null!;
    public HttpClient Reviewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var generating = Task.Run(() => DemoCityGenerator.Generate(DemoScale.Demo, Seed));
        Database = await ScratchDatabase.CreateAsync();
        City = await generating;
        await new DemoCityLoader(Database.Database).LoadAsync(City, null, null, CancellationToken.None);

        (App, BaseAddress) = await StartServerAsync(Database.ConnectionString, pollSeconds: 0);
        var keys = new ApiKeyStore(Database.Database);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
        Admin = await KeyedClient.CreateAsync(keys, BaseAddress, "compliance-admin", "admin");
        Planner = await KeyedClient.CreateAsync(keys, BaseAddress, "compliance-planner", "planner");
        Reviewer = await KeyedClient.CreateAsync(keys, BaseAddress, "compliance-reviewer", "reviewer");
    }

    /// <summary>Starts a server over <paramref name="connectionString"/> and waits until its blueprint is loaded.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartServerAsync(string connectionString, int pollSeconds)
    {
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", connectionString, "--OB_BLUEPRINT_POLL_SECONDS", pollSeconds.ToString(),
            "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new HttpClient { BaseAddress = address };
        for (var attempt = 0; ; attempt++)
        {
            var ready = await client.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode) break;
            if (attempt > 600) throw new TimeoutException("the server's blueprint did not load: " + await ready.Content.ReadAsStringAsync());
            await Task.Delay(100);
        }
        return (app, address);
    }

    /// <summary>The version ids the server's readiness report says it holds, by layer code.</summary>
    public static async Task<Dictionary<string, long>> LoadedVersionsAsync(HttpClient client)
    {
        var ready = await client.GetFromJsonAsync<JsonObject>("/health/ready");
        return ready!["blueprint"]!["layers"]!.AsArray()
            .ToDictionary(l => l!["code"]!.GetValue<string>(), l => l!["layerVersionId"]!.GetValue<long>());
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCityServerCollection : ICollectionFixture<DemoCityServer>
{
    public const string Name = "demo city server";
}
