using OneBlueprint.Cli.Console;
using OneBlueprint.DemoCity;
using Generated = OneBlueprint.DemoCity;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Cli.Demo;

/// <summary>
/// Puts a generated demo city into PostGIS: each layer as a new version (noted as synthetic demo data),
/// each demo project with its red line. Used by `ob gen-demo --load` and by tests that need the city.
/// </summary>
public sealed class DemoCityLoader(ObDatabase db)
{
    public const string Who = "gen-demo";

    public static string NoteFor(DemoScale scale, int seed) =>
        $"demo city {scale.ToName()} seed {seed}: Zhengzhou real base + synthetic control lines (gis-data/{scale.ToName()}/manifest.json)";

    /// <summary>True when the current farmland version was loaded by gen-demo for this scale and seed.</summary>
    public async Task<bool> IsLoadedAsync(DemoScale scale, int seed, CancellationToken ct)
    {
        var store = new LayerStore(db);
        foreach (var code in LayerCodes.All)
        {
            var current = await store.GetVersionAsync(code, null, ct);
            if (current?.Note != NoteFor(scale, seed)) return false;
        }
        return true;
    }

    public async Task LoadAsync(Generated.DemoCity city, string? filesDirectory, IProgress<double>? progress, CancellationToken ct)
    {
        var importer = new LayerImporter(db);
        var total = city.Layers.Values.Sum(l => l.Features.Count) + city.Projects.Count;
        var done = 0;
        foreach (var (code, set) in city.Layers)
        {
            var before = done;
            var fileName = $"layers/{code}.geojson";
            var request = new LayerImportRequest(code, Who, NoteFor(city.Scale, city.Seed), fileName,
                ChecksumOf(filesDirectory, fileName), EffectiveDate: null, RepairInvalid: false);
            await importer.ImportAsync(set, request,
                new SyncProgress<ImportProgress>(p => progress?.Report(100.0 * (before + p.Done * (p.Stage == ImportStage.Prepare ? 0.4 : 1.0)) / total)), ct);
            done += set.Features.Count;
        }

        var projects = new ProjectStore(db);
        foreach (var project in city.Projects)
        {
            await projects.UpsertProjectAsync(project.Code, project.Name, project.Category, Generated.DemoCity.CityCode, Who, ct);
            await projects.AddRedLineRevisionAsync(project.Code, project.RedLine, Who, $"projects/{project.FileName}", ct);
            progress?.Report(100.0 * ++done / total);
        }

        // regional assessment (区域评估): development zones and assessment areas over them
        await new DemoAssessmentLoader(db).LoadAsync(OneBlueprint.DemoCity.Synthesis.AssessmentAreas.Build(city), Who, ct);
    }

    private static string? ChecksumOf(string? directory, string relative)
    {
        if (directory is null) return null;
        var path = Path.Combine(directory, relative);
        return File.Exists(path) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) : null;
    }
}
