using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Topology;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Topology;

/// <summary>
/// The real DataV counties of Henan (../shared/data/henan-admin, GCJ-02 lon/lat; 6 of 158 self-intersect), in the form
/// the topology engine analyses them: GCJ-02 → CGCS2000 lon/lat → EPSG:4547, invalid ones repaired by NetTopologySuite's
/// GeometryFixer (the engine's documented treatment). Also each feature's geometry as the file's own GeoJSON text,
/// for PostGIS to read with ST_GeomFromGeoJSON, independently of our reader.
/// </summary>
public sealed class HenanCounties
{
    public const int Srid = CrsCatalog.DefaultWorking;
    public static readonly string File = SharedData.Path("henan-admin", "datav_henan_counties.geojson");

    private static readonly Lazy<HenanCounties> Shared = new(() => new HenanCounties());
    public static HenanCounties Instance => Shared.Value;

    private HenanCounties()
    {
        var set = FeatureFormats.Read(File);
        Names = set.Features.Select(f => (string)f.Attributes["name"]!).ToList();
        AsRead = set.Features.Select(f => f.Geometry).ToList();
        Projected = AsRead.Select(g => Reprojector.Transform(Gcj02.ToCgcs2000(g), CrsCatalog.Cgcs2000, Srid)).ToList();
        Analysed = Projected.Select(g => g.IsValid ? g : GeometryValidator.Repair(g)).ToList();
        Layer = new TopologyLayer("XZQH", Srid, Projected.Select((g, i) => new TopologyFeature($"#{i + 1}", Names[i], g)).ToList());

        using var json = JsonDocument.Parse(System.IO.File.ReadAllBytes(File));
        GeoJsonGeometries = json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("geometry").GetRawText()).ToList();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Each county as our reader gives it: the file's GCJ-02 lon/lat.</summary>
    public IReadOnlyList<Geometry> AsRead { get; }

    /// <summary>Each county in EPSG:4547 as converted (invalid ones still invalid).</summary>
    public IReadOnlyList<Geometry> Projected { get; }

    /// <summary>What the engine measures: the projected counties, invalid ones repaired.</summary>
    public IReadOnlyList<Geometry> Analysed { get; }

    public TopologyLayer Layer { get; }

    /// <summary>The "geometry" member of each feature exactly as the file has it.</summary>
    public IReadOnlyList<string> GeoJsonGeometries { get; }

    /// <summary>Record number ("#n", as the layer's ids) → 0-based index.</summary>
    public static int Index(string id) => int.Parse(id.TrimStart('#')) - 1;
}
