namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>A sentence for people, in Chinese (enterprises, approval staff) and English.</summary>
public sealed record Explanation(string Zh, string En);
