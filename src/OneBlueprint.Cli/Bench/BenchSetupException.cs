namespace OneBlueprint.Cli.Bench;

/// <summary>The benchmark cannot run on this database as it is (no control layers, no ecological redlines, …); the message says what to do.</summary>
public sealed class BenchSetupException(string message) : Exception(message);
