using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>
/// Until the blueprint is in memory, checks answer 503 "blueprint still loading" and readiness is 503; then both
/// serve. The load is held back deterministically by a lock on the catalogue's versions table.
/// </summary>
public sealed class BlueprintLoadingTests
{
    [Fact]
    public async Task WhileTheBlueprintLoads_ChecksAnswer503_ThenServe()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await using var blocker = await scratch.DataSource.OpenConnectionAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE ob.layer_version IN ACCESS EXCLUSIVE MODE", blocker, tx))
            await lockCmd.ExecuteNonQueryAsync();

        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", scratch.ConnectionString,
            "--OB_BLUEPRINT_START_WAIT_SECONDS", "0", "--OB_BLUEPRINT_POLL_SECONDS", "0", "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            const string square = """{"type":"Polygon","coordinates":[[[113.60,34.70],[113.605,34.70],[113.605,34.704],[113.60,34.704],[113.60,34.70]]]}""";

            var (status, problem) = await CheckRequests.PostAsync(client, "", CheckRequests.Content(Encoding.UTF8.GetBytes(square)));
            Assert.Equal(503, status);
            Assert.Equal("blueprint still loading", problem["title"]!.GetValue<string>());
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("loading", (await ready.Content.ReadFromJsonAsync<JsonObject>())!["blueprint"]!["state"]!.GetValue<string>());

            await tx.RollbackAsync();
            for (var attempt = 0; !(await client.GetAsync("/health/ready")).IsSuccessStatusCode; attempt++)
            {
                Assert.True(attempt < 600, "the blueprint did not load after the lock was released");
                await Task.Delay(100);
            }

            // A blueprint without any imported layer: the check runs and says what it could not check.
            (status, var answer) = await CheckRequests.PostAsync(client, "", CheckRequests.Content(Encoding.UTF8.GetBytes(square)));
            Assert.True(status == 201, answer.ToJsonString());
            Assert.Empty(answer["layers"]!.AsArray());
            var missing = answer["warnings"]!.AsArray().Where(w => w!["code"]!.GetValue<string>() == "compliance.layer_missing").ToList();
            Assert.Equal(7, missing.Count);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
