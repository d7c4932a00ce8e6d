using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity;

/// <summary>
/// Makes the demo city: the real base (districts, rivers, urban areas) from shared/data, then the
/// synthetic layers in dependency order — water sketches, ecological redlines, urban boundary, the four
/// lines, farmland (the only part that grows with the scale, made in parallel tiles), and the projects.
/// Deterministic: every random choice derives from <c>seed</c> through stable hashes, nothing reads the
/// clock, and parallel work is merged in a fixed order, so the same scale and seed give the same city.
/// </summary>
public static class DemoCityGenerator
{
    /// <summary>
    /// Generates the city from the shared/data folder found by <see cref="SharedData.Locate"/>.
    /// <paramref name="progress"/> receives a rising percentage, 0–100.
    /// </summary>
    public static DemoCity Generate(DemoScale scale, int seed = 2026, IProgress<double>? progress = null, CancellationToken ct = default) =>
        Generate(scale, SharedData.Locate(), seed, progress, ct);

    /// <summary>Generates the city from an explicit shared/data folder.</summary>
    public static DemoCity Generate(DemoScale scale, string dataFolder, int seed = 2026, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var stages = new StageProgress(progress);
        var baseLayers = BuildBase(dataFolder, seed, stages, ct);
        var layers = baseLayers.Layers;

        var farmland = baseLayers.CreateFarmlandLayout(Farmland.TargetFor(scale));
        stages.Next(0.25);
        layers[LayerCodes.Farmland] = Farmland.Build(farmland, stages.Within(0.92), ct);
        ct.ThrowIfCancellationRequested();

        var plans = LandUsePlans.Build(layers, baseLayers.Districts, scale, seed, ct);
        layers[LayerCodes.LandUsePlan] = plans.LandUsePlan;
        layers[LayerCodes.CityMasterPlan] = plans.CityPlan;

        var projects = DemoProjects.Build(layers, seed);
        stages.Next(1.0);

        var ordered = LayerCodes.All.Where(layers.ContainsKey).ToDictionary(c => c, c => layers[c]);
        foreach (var set in ordered.Values)
        {
            set.Metadata["scale"] = scale.ToName();
            set.Metadata["seed"] = seed.ToString(CultureInfo.InvariantCulture);
            set.Metadata["crs"] = "EPSG:4547";
        }
        var farm = ordered[LayerCodes.Farmland].Metadata;
        var notes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["districts.repaired"] = ordered[LayerCodes.Districts].Metadata["repaired"],
            ["farmland.cellSize"] = farm["cellSize"],
            [$"farmland.{Farmland.ConflictMetadataPrefix}{LayerCodes.EcologicalRedlines}"] = farm[$"{Farmland.ConflictMetadataPrefix}{LayerCodes.EcologicalRedlines}"],
            [$"farmland.{Farmland.ConflictMetadataPrefix}{LayerCodes.UrbanBoundary}"] = farm[$"{Farmland.ConflictMetadataPrefix}{LayerCodes.UrbanBoundary}"],
        };
        return new DemoCity
        {
            Scale = scale,
            Seed = seed,
            Layers = ordered,
            Projects = projects,
            Boundary = baseLayers.City,
            Notes = notes,
        };
    }

    /// <summary>
    /// Everything but the farmland and the projects: the same at every scale. Public so that tests can
    /// make one farmland tile of the <c>city</c> scale without generating all of it.
    /// </summary>
    public static DemoBase BuildBase(string dataFolder, int seed, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var stages = progress as StageProgress ?? new StageProgress(progress);
        var layers = new Dictionary<string, FeatureSet>(StringComparer.Ordinal);

        var districts = ZhengzhouDistricts.Load(dataFolder);
        layers[LayerCodes.Districts] = districts;
        var city = districts.Features[0].Geometry.Factory
            .CreateGeometryCollection(districts.Features.Select(f => f.Geometry).ToArray()).Union();
        var locator = new DistrictLocator(districts.Features.Select(f => ((string)f.Attributes["XZQDM"]!, (string)f.Attributes["XZQMC"]!, f.Geometry)));
        stages.Next(0.03);
        ct.ThrowIfCancellationRequested();

        var waterNoise = new Noise(StableHash.Combine(StableHash.Of("water"), seed));
        var rivers = NaturalEarthLayers.Rivers(dataFolder, city);
        foreach (var (sketch, line) in SketchedRivers.Lines(city, waterNoise))
        {
            var f = new GeoFeature(Millimetre.Snap(line));
            f.Attributes["HLMC"] = $"{sketch.Name}（示意）";
            f.Attributes["YWMC"] = sketch.Pinyin;
            f.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
            rivers.Features.Add(f);
        }
        rivers.Metadata[Provenance.SyntheticKey] = "partly";
        rivers.Metadata[Provenance.SourceKeyChinese] += "；标注（示意）的支流为合成演示数据";
        rivers.Metadata["synthetic.note"] = "Features with SJLY=合成演示数据 are tributaries sketched through hand-placed waypoints (names marked 示意); the rest are Natural Earth.";
        layers[LayerCodes.Rivers] = rivers;

        var lakes = NaturalEarthLayers.Lakes(dataFolder, city);
        var realLakes = lakes.Features.Count;
        foreach (var (sketch, shape) in SketchedReservoirs.Shapes(city.Factory, waterNoise))
        {
            var clipped = GeometryParts.Polygonal(shape.Intersection(city));
            if (clipped.IsEmpty) continue;
            var f = new GeoFeature(Millimetre.Snap(clipped));
            f.Attributes["MC"] = $"{sketch.Name}（示意）";
            f.Attributes["MJ"] = Math.Round(Geo.Spatial.AreaUnits.ToHectares(clipped.Area), 2);
            f.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
            lakes.Features.Add(f);
        }
        if (realLakes == 0) Provenance.MarkSynthetic(lakes, "Natural Earth 1:10m has no lake inside Zhengzhou; reservoirs sketched as rough blobs near real ones' positions");
        else lakes.Metadata[Provenance.SyntheticKey] = "partly";
        layers[LayerCodes.Lakes] = lakes;
        layers[LayerCodes.UrbanAreas] = NaturalEarthLayers.UrbanAreas(dataFolder, city);
        stages.Next(0.06);
        ct.ThrowIfCancellationRequested();

        var redlines = EcologicalRedlines.Build(city, rivers, locator, seed);
        layers[LayerCodes.EcologicalRedlines] = redlines;
        stages.Next(0.12);
        ct.ThrowIfCancellationRequested();

        var urban = UrbanBoundary.Build(city, layers[LayerCodes.UrbanAreas], redlines, locator, seed);
        layers[LayerCodes.UrbanBoundary] = urban;
        stages.Next(0.15);

        var blue = BlueLines.Build(city, rivers, lakes, locator, seed);
        layers[LayerCodes.BlueLine] = blue;
        var green = GreenLines.Build(city, urban, blue, locator, seed);
        layers[LayerCodes.GreenLine] = green;
        var purple = PurpleLines.Build(city, locator, seed);
        layers[LayerCodes.PurpleLine] = purple;
        layers[LayerCodes.YellowLine] = YellowLines.Build(city, urban, redlines, [blue, green, purple], locator, seed);
        stages.Next(0.20);
        ct.ThrowIfCancellationRequested();

        var yellowRiver = rivers.Features.FirstOrDefault(f => (f.Attributes.GetValueOrDefault("HLMC") as string) == "黄河")?.Geometry;
        return new DemoBase(layers, city, locator, yellowRiver, seed);
    }
}

/// <summary>The scale-independent part of a demo city, and the farmland layout built on it.</summary>
public sealed class DemoBase(Dictionary<string, FeatureSet> layers, Geometry city, DistrictLocator districts, Geometry? yellowRiver, int seed)
{
    public Dictionary<string, FeatureSet> Layers { get; } = layers;
    public Geometry City { get; } = city;
    public DistrictLocator Districts { get; } = districts;

    /// <summary>The farmland lattice for a target patch count, kept out of every control layer made so far.</summary>
    public FarmlandLayout CreateFarmlandLayout(int targetPatches)
    {
        var exclusions = new ExclusionIndex(LayerCodes.ControlLayers
            .Where(c => c != LayerCodes.Farmland && Layers.ContainsKey(c))
            .SelectMany(c => Layers[c].Features.Select(f => (c, f.Geometry))));
        return new FarmlandLayout(City, exclusions, Districts, yellowRiver, targetPatches, seed);
    }
}
