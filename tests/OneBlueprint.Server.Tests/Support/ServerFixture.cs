using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OneBlueprint.Server;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>
/// The real server (Kestrel on a free loopback port) over a scratch PostGIS database, with one API key
/// per role. Shared by the tests of a class; every test names its own data so they do not collide.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ScratchDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Planner { get; private set; } = null!;
    public HttpClient Reviewer { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await ScratchDatabase.CreateAsync();
        App = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", Database.ConnectionString]);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        var keys = new ApiKeyStore(Database.Database);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
        Admin = await KeyedClient.CreateAsync(keys, BaseAddress, "test-admin", "admin");
        Planner = await KeyedClient.CreateAsync(keys, BaseAddress, "test-planner", "planner");
        Reviewer = await KeyedClient.CreateAsync(keys, BaseAddress, "test-reviewer", "reviewer");
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
