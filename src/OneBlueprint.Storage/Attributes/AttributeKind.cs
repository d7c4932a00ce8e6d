namespace OneBlueprint.Storage.Attributes;

/// <summary>
/// Attribute value types that JSON cannot tell apart from strings, recorded per attribute name next to
/// the JSON (layer_version.attribute_types, project_redline.attribute_types) so reads restore them.
/// </summary>
public enum AttributeKind
{
    /// <summary>A <see cref="System.DateOnly"/>, stored as "yyyy-MM-dd".</summary>
    Date,
    /// <summary>A <see cref="System.DateTime"/>, stored in round-trip ISO 8601 ("O").</summary>
    DateTime,
}
