using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// A layer (or one version of it) as the topology checks see it: a code (STBHHX, YJJBNTBHTB, a file name, …), the
/// features, and the SRID of their coordinates, which must be a CGCS2000/Xian 1980/Beijing 1954 3° Gauss-Krüger system
/// (EPSG:4513–4554, 2349–2390, 2401–2442): overlaps, gaps and gap widths are measured in metres. Reproject
/// lon/lat data first (to the zone of the data, e.g. EPSG:4547 for Zhengzhou).
/// </summary>
public sealed record TopologyLayer
{
    public TopologyLayer(string code, int srid, IReadOnlyList<TopologyFeature> features)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(features);
        if (!CrsRegistry.IsKnown(srid) || !CrsRegistry.IsGaussKruger(srid))
            throw new ArgumentException(
                $"layer {code}: EPSG:{srid} is not a Gauss-Krüger system; topology checks measure in metres, so reproject to the data's 3° zone first (e.g. EPSG:4547)",
                nameof(srid));
        Code = code;
        Srid = srid;
        Features = features;
    }

    public string Code { get; }
    public int Srid { get; }
    public IReadOnlyList<TopologyFeature> Features { get; }
}
