using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OneBlueprint.Server.Page;
using OneBlueprint.Server.Tests.Page.Support;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Page;

/// <summary>
/// Embedding the standard page: CSP frame-ancestors from OB_FRAME_ANCESTORS, and signed expiring links (OB_EMBED_SECRET)
/// that unlock projects' red lines and the compliance review. Tokens minted by `ob embed-link` and by hand with openssl's
/// HMAC (an independent implementation of the signature) are accepted; expired, altered or foreign ones are not.
/// </summary>
public sealed class EmbeddingTests : IAsyncLifetime
{
    private const string Secret = "shared-with-the-province-0123456789";
    private const string Ancestors = "'self' https://zwfw.example.gov.cn";
    private ScratchDatabase _database = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await WebBuild.EnsureBuiltAsync();
        _database = await ScratchDatabase.CreateAsync();
        _app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", _database.ConnectionString,
            "--OB_EMBED_SECRET", Secret, "--OB_FRAME_ANCESTORS", Ancestors, "--Logging:LogLevel:Default", "Warning"]);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Page_WithoutToken_ShowsPublicLayersOnly_AndMayBeFramedOnlyByTheConfiguredOrigins()
    {
        var response = await _client.GetAsync("/blueprint?projectCode=2026-410100-01-01-000001");
        response.EnsureSuccessStatusCode();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"frame-ancestors {Ancestors}", csp);
        Assert.Contains("script-src 'self'", csp); // no CDN
        var config = await ConfigAsync(response);
        Assert.False(config["projects"]!.GetValue<bool>());
        Assert.False(config["compliance"]!.GetValue<bool>());
        Assert.Equal("public", config["mode"]!.GetValue<string>());
        Assert.Null(config["token"]);
    }

    [Fact]
    public async Task EmbedLink_FromTheCli_UnlocksItsProject()
    {
        var old = Environment.GetEnvironmentVariable(EmbedOptions.SecretKey);
        Environment.SetEnvironmentVariable(EmbedOptions.SecretKey, Secret);
        CliRunner.CliResult result;
        try { result = await CliRunner.RunAsync(null, "embed-link", "--project", "P-1", "--minutes", "5", "--base-url", "https://blueprint.example.cn"); }
        finally { Environment.SetEnvironmentVariable(EmbedOptions.SecretKey, old); }
        Assert.True(result.ExitCode == 0, result.Error);
        var link = new Uri(result.Out.Trim());
        Assert.Equal("/blueprint", link.AbsolutePath);

        var config = await ConfigAsync(await _client.GetAsync("/blueprint" + link.Query));
        Assert.True(config["projects"]!.GetValue<bool>());
        Assert.True(config["compliance"]!.GetValue<bool>());
        Assert.Equal("P-1", config["projectCode"]!.GetValue<string>());
        Assert.Equal("token", config["mode"]!.GetValue<string>());

        // Bound to P-1: asking for another project shows P-1, not the other.
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        var other = await AccessAsync(token, "P-2");
        Assert.Equal("P-1", other["projectCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmbedLink_WithoutSecret_IsRefusedWithExitCode2()
    {
        var old = Environment.GetEnvironmentVariable(EmbedOptions.SecretKey);
        Environment.SetEnvironmentVariable(EmbedOptions.SecretKey, null);
        try
        {
            var result = await CliRunner.RunAsync(null, "embed-link", "--project", "P-1");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(EmbedOptions.SecretKey, result.Error);
        }
        finally { Environment.SetEnvironmentVariable(EmbedOptions.SecretKey, old); }
    }

    [Fact]
    public async Task Token_SignedByOpenSsl_IsAccepted_ExpiredOrAlteredOrForeignIsNot()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var valid = await OpenSslTokenAsync($"{{\"exp\":{now + 600},\"projectCode\":\"P-9\"}}", Secret);
        var access = await AccessAsync(valid, null);
        Assert.Equal("token", access["mode"]!.GetValue<string>());
        Assert.Equal("P-9", access["projectCode"]!.GetValue<string>());

        var expired = await OpenSslTokenAsync($"{{\"exp\":{now - 5}}}", Secret);
        Assert.Equal("public", (await AccessAsync(expired, null))["mode"]!.GetValue<string>());
        Assert.Contains("expired", (await AccessAsync(expired, null))["note"]!.GetValue<string>());

        var foreign = await OpenSslTokenAsync($"{{\"exp\":{now + 600}}}", "another-secret");
        Assert.Equal("public", (await AccessAsync(foreign, null))["mode"]!.GetValue<string>());

        // The payload changed to another project, the signature kept.
        var altered = Base64Url(Encoding.UTF8.GetBytes($"{{\"exp\":{now + 600},\"projectCode\":\"P-X\"}}")) + valid[valid.IndexOf('.')..];
        Assert.Equal("public", (await AccessAsync(altered, null))["mode"]!.GetValue<string>());
        Assert.Equal("public", (await AccessAsync("not-a-token", null))["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assets_AreServed_AndPathsCannotLeaveTheDistFolder()
    {
        var js = await _client.GetAsync("/blueprint/assets/app.js");
        js.EnsureSuccessStatusCode();
        Assert.StartsWith("text/javascript", js.Content.Headers.ContentType!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync("/blueprint/assets/..%2F..%2Fpackage.json")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync("/blueprint/assets/nothing.js")).StatusCode);
    }

    private async Task<JsonObject> AccessAsync(string token, string? project)
    {
        var url = $"/blueprint/access?token={Uri.EscapeDataString(token)}" + (project is null ? "" : $"&projectCode={project}");
        return JsonNode.Parse(await _client.GetStringAsync(url))!.AsObject();
    }

    private static async Task<JsonObject> ConfigAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"ob-config\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>A token signed by `openssl dgst -sha256 -hmac` over the base64url payload: the format as the province would mint it.</summary>
    private static async Task<string> OpenSslTokenAsync(string payloadJson, string secret)
    {
        var body = Base64Url(Encoding.UTF8.GetBytes(payloadJson));
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "dgst", "-sha256", "-hmac", secret, "-binary" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        using var mac = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(mac);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        Assert.Equal(32, mac.Length);
        return body + "." + Base64Url(mac.ToArray());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
