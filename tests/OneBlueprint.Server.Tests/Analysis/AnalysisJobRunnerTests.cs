using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Analysis;
using OneBlueprint.Storage.Analysis;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Analysis;

/// <summary>
/// The job runner on a real PostGIS with stand-in work (the engines have their own tests): progress reaches the job
/// row while it runs, cancelling a running job stops it and stores nothing, and the next job still runs.
/// </summary>
public sealed class AnalysisJobRunnerTests : IAsyncLifetime
{
    private ScratchDatabase _db = null!;

    public async Task InitializeAsync() => _db = await ScratchDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Reports half way, then waits until cancelled — or, when told, returns one square patch at once.</summary>
    private sealed class StandInWork(int srid) : IAnalysisWork
    {
        public string Kind => AnalysisJob.DiffKind;
        public string NumberPrefix => "CY";

        public async Task<AnalysisOutcome> RunAsync(AnalysisJob job, IProgress<(double Fraction, string Stage)> progress, CancellationToken ct)
        {
            progress.Report((0.5, "half way"));
            if (job.Params["block"]?.GetValue<bool>() == true) await Task.Delay(Timeout.Infinite, ct);
            var square = GeometryKit.Factory(srid).ToGeometry(new Envelope(500_000, 500_100, 3_800_000, 3_800_100));
            return new AnalysisOutcome([new NewPatch(null, "2", true, "new", null, null, false, false, false, square.Area, square.Area,
                new JsonObject { ["LXMC"] = "城规建设土规非建设" }, square)], new JsonObject());
        }
    }

    [Fact]
    public async Task Runner_ReportsProgress_CancelsARunningJobStoringNothing_AndRunsTheNext()
    {
        var jobs = new AnalysisJobStore(_db.Database);
        var patches = new PatchStore(_db.Database);
        var runner = new AnalysisJobRunner(jobs, patches, [new StandInWork(_db.WorkingSrid)], NullLogger<AnalysisJobRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        try
        {
            var blocked = await runner.StartAsync(AnalysisJob.DiffKind, "test:a~b", new JsonObject { ["block"] = true }, "tester", CancellationToken.None);
            var running = await WaitAsync(jobs, blocked.Id, j => j.State == AnalysisJob.Running && j.Percent > 0);
            Assert.Equal(45, running.Percent, 1e-9); // half of the work's 90 % share
            Assert.Equal("half way", running.Stage);

            Assert.True(await runner.CancelAsync(blocked.Id, "tester", CancellationToken.None));
            var cancelled = await WaitAsync(jobs, blocked.Id, j => j.IsFinished);
            Assert.Equal(AnalysisJob.Cancelled, cancelled.State);
            Assert.False(await runner.CancelAsync(blocked.Id, "tester", CancellationToken.None)); // finished: nothing to cancel

            var next = await runner.StartAsync(AnalysisJob.DiffKind, "test:a~b", new JsonObject(), "tester", CancellationToken.None);
            var done = await WaitAsync(jobs, next.Id, j => j.IsFinished);
            Assert.Equal(AnalysisJob.Done, done.State);
            Assert.Null(done.Error);

            await using var count = _db.DataSource.CreateCommand("SELECT job_id, dkbh FROM ob.patch");
            await using var reader = await count.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(next.Id, reader.GetInt64(0)); // only the finished job has a patch …
            Assert.Equal("CY000001", reader.GetString(1)); // … numbered first in its series
            Assert.False(await reader.ReadAsync());
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<AnalysisJob> WaitAsync(AnalysisJobStore jobs, long id, Func<AnalysisJob, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var job = (await jobs.GetAsync(id))!;
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id}: {job.State} {job.Percent}%");
            await Task.Delay(50);
        }
    }
}
