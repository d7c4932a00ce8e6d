namespace OneBlueprint.Engines.Topology;

/// <summary>A feature a finding involves: its layer code, its id and its name (null when the layer has no name attribute).</summary>
public sealed record TopologyFeatureRef(string Layer, string Id, string? Name)
{
    /// <summary>The name when there is one, else the id: what a person reads in a list.</summary>
    public string Label => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
