using OneBlueprint.Storage.Access;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>An HTTP client for a test server that sends a fresh API key of one role (the fixtures' Admin, Planner, Reviewer).</summary>
public static class KeyedClient
{
    public static async Task<HttpClient> CreateAsync(ApiKeyStore keys, Uri address, string name, string role)
    {
        var key = await keys.CreateAsync(name, role);
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.PlaintextKey);
        return client;
    }
}
