using System.Text.Json.Nodes;

namespace OneBlueprint.Storage.Access;

/// <summary>
/// One audit row: <see cref="Actor"/> (API key name or CLI user) in <see cref="Role"/> did
/// <see cref="Action"/> (dotted verb: "layer.import", "project.redline.add", "apikey.create") to
/// <see cref="Entity"/>/<see cref="EntityId"/>. <see cref="BeforeId"/>/<see cref="AfterId"/> point at the
/// immutable rows the action replaced and produced (e.g. the layer version id an import created).
/// </summary>
public sealed record AuditEntry(
    string Actor,
    string? Role,
    string Action,
    string Entity,
    string? EntityId = null,
    long? BeforeId = null,
    long? AfterId = null,
    JsonObject? Details = null);
