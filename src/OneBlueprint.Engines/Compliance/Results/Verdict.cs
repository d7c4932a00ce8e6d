using System.Text.Json.Serialization;

namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>The outcome of a rule, ordered from best to worst (an overall verdict is the worst of its layers').</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("pass")] Pass = 0,
    [JsonStringEnumMemberName("warning")] Warning = 1,
    [JsonStringEnumMemberName("conflict")] Conflict = 2,
}
