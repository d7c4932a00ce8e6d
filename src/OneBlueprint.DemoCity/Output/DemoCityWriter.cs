using System.Text.Encodings.Web;
using System.Text.Json;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity;

/// <summary>
/// Writes a demo city into <c>directory</c> (by convention gis-data/&lt;scale&gt;, which `ob gen-demo` passes):
/// <list type="bullet">
/// <item><c>layers/CODE.geojson</c>: each layer in EPSG:4547 (1 mm, 3 decimals) with the legacy "crs"
/// member, which the importer, GDAL and QGIS all read;</item>
/// <item><c>projects/&lt;项目代码&gt;.txt</c>: each project's red line in the 界址点坐标交换格式 (UTF-8 with BOM,
/// 2000国家大地坐标系, zone 38 without prefix), and <c>projects/projects.json</c> listing them;</item>
/// <item><c>manifest.json</c>: scale, seed, counts, what is real and what synthetic, sources and terms.</item>
/// </list>
/// Nothing written depends on the clock, so the same city always gives the same bytes.
/// </summary>
public static class DemoCityWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the city into <paramref name="directory"/> (created if missing) and returns its full path.</summary>
    public static string Write(DemoCity city, string directory)
    {
        var root = Path.GetFullPath(directory);
        var layersDir = Path.Combine(root, "layers");
        var projectsDir = Path.Combine(root, "projects");
        Directory.CreateDirectory(layersDir);
        Directory.CreateDirectory(projectsDir);

        var geoJson = new GeoJsonFormat();
        foreach (var (code, set) in city.Layers)
            geoJson.Write(set, Path.Combine(layersDir, $"{code}.geojson"));

        var txt = new RedLineTxtFormat();
        foreach (var p in city.Projects)
            txt.Write(p.RedLine, Path.Combine(projectsDir, p.FileName));

        WriteJson(Path.Combine(projectsDir, "projects.json"), w => WriteProjects(w, city));
        WriteJson(Path.Combine(root, "manifest.json"), w => WriteManifest(w, city));
        AssessmentWriter.Write(Synthesis.AssessmentAreas.Build(city), Path.Combine(root, "assessment"));
        return root;
    }

    private static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, JsonOptions);
        write(writer);
    }

    private static void WriteProjects(Utf8JsonWriter w, DemoCity city)
    {
        w.WriteStartArray();
        foreach (var p in city.Projects)
        {
            w.WriteStartObject();
            w.WriteString("code", p.Code);
            w.WriteString("name", p.Name);
            w.WriteString("category", p.Category);
            w.WriteBoolean("majorProjectClass", p.MajorProjectClass);
            w.WriteString("scenario", p.Scenario.ToString());
            w.WriteString("file", p.FileName);
            w.WriteNumber("parcels", p.RedLine.Features.Count);
            w.WriteNumber("hectares", Math.Round(AreaUnits.ToHectares(p.RedLine.Features.Sum(f => f.Geometry.Area)), 4));
            w.WriteBoolean("synthetic", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteManifest(Utf8JsonWriter w, DemoCity city)
    {
        w.WriteStartObject();
        w.WriteString("city", DemoCity.CityName);
        w.WriteString("adcode", DemoCity.CityCode);
        w.WriteString("scale", city.Scale.ToName());
        w.WriteNumber("seed", city.Seed);
        w.WriteString("crs", $"EPSG:{DemoCity.Srid}");
        w.WriteString("crsNote", "CGCS2000 3° Gauss-Krüger, central meridian 114°E, no zone prefix; x = easting, y = northing, metres");
        w.WriteString("generator", "OneBlueprint.DemoCity (./ob gen-demo)");
        w.WriteString("disclaimer",
            "Synthetic control lines and projects for demonstration and testing only: they are not Zhengzhou's real plans. 合成演示数据，不代表郑州市真实规划，不具有法律效力。");

        w.WriteStartObject("layers");
        foreach (var (code, set) in city.Layers)
        {
            w.WriteStartObject(code);
            w.WriteString("file", $"layers/{code}.geojson");
            w.WriteNumber("features", set.Features.Count);
            foreach (var (key, value) in set.Metadata)
                if (key is not ("scale" or "seed" or "crs"))
                    w.WriteString(key, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartObject("projects");
        w.WriteString("file", "projects/projects.json");
        w.WriteNumber("count", city.Projects.Count);
        w.WriteString("format", "界址点坐标交换格式 TXT, UTF-8 with BOM, 2000国家大地坐标系, 3° zone 38 without prefix");
        w.WriteString("synthetic", "true");
        w.WriteEndObject();

        w.WriteStartObject("notes");
        foreach (var (key, value) in city.Notes.OrderBy(n => n.Key, StringComparer.Ordinal)) w.WriteString(key, value);
        w.WriteEndObject();

        w.WriteStartArray("real");
        foreach (var (code, set) in city.Layers)
            if (set.Metadata.GetValueOrDefault(Provenance.SyntheticKey) is "false" or "partly") w.WriteStringValue(code);
        w.WriteEndArray();
        w.WriteStartArray("synthetic");
        foreach (var (code, set) in city.Layers)
            if (set.Metadata.GetValueOrDefault(Provenance.SyntheticKey) is "true" or "partly") w.WriteStringValue(code);
        w.WriteStringValue("projects");
        w.WriteEndArray();

        w.WriteStartArray("sources");
        WriteSource(w, "DataV.GeoAtlas administrative boundaries", Provenance.DataVSource, Provenance.DataVTerms, [LayerCodes.Districts]);
        WriteSource(w, "Natural Earth", Provenance.NaturalEarthSource, Provenance.NaturalEarthTerms, [LayerCodes.Rivers, LayerCodes.UrbanAreas]);
        WriteSource(w, "OneBlueprint.DemoCity", "generated from the seed; shapes imitate real control lines", Provenance.SyntheticTerms,
            [.. LayerCodes.All.Where(c => city.Layers.TryGetValue(c, out var s) && s.Metadata.GetValueOrDefault(Provenance.SyntheticKey) is "true" or "partly"), "projects"]);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, string name, string detail, string terms, string[] used)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("detail", detail);
        w.WriteString("terms", terms);
        w.WriteStartArray("usedFor");
        foreach (var u in used) w.WriteStringValue(u);
        w.WriteEndArray();
        w.WriteEndObject();
    }

}
