using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Natural Earth rivers (SX), lakes (HP) and urban areas (CSJSYD) around the city, in EPSG:4547.
/// Natural Earth is WGS84, taken as CGCS2000 (they agree within centimetres); no GCJ-02 shift applies.
/// Polygons are clipped to the city; rivers to the city widened by <see cref="RiverMargin"/>, because the
/// Yellow River forms the northern border and a strict clip would cut it into pieces.
/// </summary>
public static class NaturalEarthLayers
{
    public const double RiverMargin = 2_000;

    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["Huang"] = "黄河", ["Qin"] = "沁河",
    };

    public static FeatureSet Rivers(string dataFolder, Geometry city)
    {
        var set = NewSet(LayerCodes.Rivers);
        var clip = city.Buffer(RiverMargin);
        foreach (var f in LonLatGeoJson.Read(SharedData.PathOf(dataFolder, SharedData.RiversFile)).Features)
        {
            var projected = WorkingCrs.FromLonLat(f.Geometry);
            if (!projected.EnvelopeInternal.Intersects(clip.EnvelopeInternal) || !projected.Intersects(clip)) continue;
            var lines = GeometryParts.Lines(projected.Intersection(clip)).Where(l => l.Length > 500).ToArray();
            if (lines.Length == 0) continue;
            var english = f.Attributes.GetValueOrDefault("name") as string ?? "";
            var feature = new GeoFeature(Millimetre.Snap(city.Factory.CreateMultiLineString(lines)));
            feature.Attributes["HLMC"] = ChineseNames.GetValueOrDefault(english, english);
            feature.Attributes["YWMC"] = english;
            feature.Attributes[Provenance.SourceAttribute] = Provenance.NaturalEarthLabel;
            set.Features.Add(feature);
        }
        MergeByName(set);
        Provenance.MarkReal(set, Provenance.NaturalEarthSource, "Natural Earth（公有领域）", Provenance.NaturalEarthTerms);
        set.Metadata["clip"] = $"city boundary widened by {RiverMargin:0} m";
        return set;
    }

    public static FeatureSet Lakes(string dataFolder, Geometry city) =>
        Polygons(LayerCodes.Lakes, SharedData.LakesFile, dataFolder, city);

    public static FeatureSet UrbanAreas(string dataFolder, Geometry city) =>
        Polygons(LayerCodes.UrbanAreas, SharedData.UrbanAreasFile, dataFolder, city);

    private static FeatureSet Polygons(string code, string file, string dataFolder, Geometry city)
    {
        var set = NewSet(code);
        foreach (var f in LonLatGeoJson.Read(SharedData.PathOf(dataFolder, file)).Features)
        {
            var projected = WorkingCrs.FromLonLat(f.Geometry);
            if (!projected.EnvelopeInternal.Intersects(city.EnvelopeInternal) || !projected.Intersects(city)) continue;
            var clipped = GeometryParts.DropSmallParts(projected.Intersection(city), 10_000);
            if (clipped.IsEmpty) continue;
            var feature = new GeoFeature(Millimetre.Snap(clipped));
            if (f.Attributes.GetValueOrDefault("name") is string name && name.Length > 0) feature.Attributes["MC"] = name;
            feature.Attributes["MJ"] = Math.Round(AreaUnits.ToHectares(clipped.Area), 2);
            feature.Attributes[Provenance.SourceAttribute] = Provenance.NaturalEarthLabel;
            set.Features.Add(feature);
        }
        Provenance.MarkReal(set, Provenance.NaturalEarthSource, "Natural Earth（公有领域）", Provenance.NaturalEarthTerms);
        set.Metadata["clip"] = "city boundary";
        return set;
    }

    private static FeatureSet NewSet(string code) => new() { Srid = WorkingCrs.Srid, Name = code };

    /// <summary>Natural Earth splits one river into several records; one feature per river reads better.</summary>
    private static void MergeByName(FeatureSet set)
    {
        var merged = set.Features.GroupBy(f => (string)f.Attributes["HLMC"]!).Select(g =>
        {
            var first = g.First();
            var lines = g.SelectMany(f => GeometryParts.Lines(f.Geometry)).ToArray();
            var feature = new GeoFeature(first.Geometry.Factory.CreateMultiLineString(lines));
            foreach (var (k, v) in first.Attributes) feature.Attributes[k] = v;
            return feature;
        }).ToList();
        set.Features.Clear();
        set.Features.AddRange(merged);
    }
}
