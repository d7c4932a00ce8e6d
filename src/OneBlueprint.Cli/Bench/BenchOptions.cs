namespace OneBlueprint.Cli.Bench;

/// <summary>The knobs of `ob bench compliance`.</summary>
public sealed record BenchOptions
{
    public int Checks { get; init; } = 1000;
    public int Seed { get; init; } = 2026;
    public required string OutputPath { get; init; }

    /// <summary>ST_Subdivide's max_vertices for the PostGIS copies of the large layers.</summary>
    public int PostGisSubdivideVertices { get; init; } = PostGisBench.DefaultSubdivideVertices;

    /// <summary>Clients sending at once in the HTTP throughput phase.</summary>
    public int HttpConcurrency { get; init; } = 8;

    /// <summary>The throughput phase stops after this many seconds …</summary>
    public double HttpSeconds { get; init; } = 15;

    /// <summary>… or after this many requests, whichever comes first (keeps the loop bounded on a fast machine).</summary>
    public int HttpMaxRequests { get; init; } = 20_000;

    /// <summary>How many of the red lines are also sent as stored checks (dryRun=false), one by one.</summary>
    public int HttpStoredChecks { get; init; } = 100;

    public bool SkipHttp { get; init; }

    /// <summary>The command line as given, recorded in the results.</summary>
    public string CommandLine { get; init; } = "";
}
