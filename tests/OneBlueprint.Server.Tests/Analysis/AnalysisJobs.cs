using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OneBlueprint.Server.Tests.Analysis;

public static class AnalysisJobs
{
    /// <summary>Polls a job until it has finished (at most two minutes); returns its last state.</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, long id)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{id}"))!;
            if (job["state"]!.GetValue<string>() is "done" or "failed" or "cancelled") return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"job {id} still {job["state"]} after two minutes: {job.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
