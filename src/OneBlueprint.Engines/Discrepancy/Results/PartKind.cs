using System.Text.Json.Serialization;

namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>What a part of the overlay is. Every bit of area of either plan falls in exactly one kind. In JSON: agreed, differ, onlyA, onlyB.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartKind>))]
public enum PartKind
{
    /// <summary>Both plans, same class: counted, never a patch.</summary>
    [JsonStringEnumMemberName("agreed")]
    Agreed,

    /// <summary>Both plans, different classes: a patch (差异图斑).</summary>
    [JsonStringEnumMemberName("differ")]
    Differ,

    /// <summary>Plan A only (B has nothing there): a patch unless the request says one-sided parts are only counted.</summary>
    [JsonStringEnumMemberName("onlyA")]
    OnlyA,

    /// <summary>Plan B only.</summary>
    [JsonStringEnumMemberName("onlyB")]
    OnlyB,
}
