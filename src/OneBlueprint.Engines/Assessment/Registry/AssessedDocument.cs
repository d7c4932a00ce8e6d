namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>A result document (评估报告, 批复) of an assessed item, as the registry knows it: its id for download, name, type, size and SHA-256.</summary>
public sealed record AssessedDocument(long Id, string FileName, string MediaType, long SizeBytes, string Sha256);
