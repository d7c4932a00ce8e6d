using System.Security.Cryptography;
using System.Text.Json;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// Imports assessment areas from files: one area (a polygon file and an items file), or a manifest listing the
/// development zones and several area versions —
/// <code>
/// { "zones": { "file": "zones.geojson", "codeField": "KFQDM", "nameField": "KFQMC", "kindField": "KFQLX" },
///   "areas": [ { "unitCode": "410100QY001", "name": "…", "scope": "…", "file": "areas/QY001.geojson",
///                "items": "items/QY001.items.json", "publish": true, "allowOverlap": false, "allowExpired": false } ] }
/// </code>
/// (paths relative to the manifest; gis-data/&lt;scale&gt;/assessment/manifest.json is one). Every file of a manifest is
/// read and checked before anything is written; then the zones are replaced and the areas imported in order, each
/// area in its own transaction (a later area may depend on an earlier one: a second version, an allowed overlap).
/// </summary>
public static class AssessmentManifest
{
    /// <summary>One area read from files, ready to import.</summary>
    public sealed record AreaFiles(AssessmentAreaDraft Draft, string SourceFile, string ChecksumSha256, bool Publish, bool AllowOverlap, bool AllowExpired);

    /// <summary>Reads a polygon file and an items file into one area draft (documents named by the items file are read too).</summary>
    public static AreaFiles ReadArea(string polygonFile, string itemsFile, string unitCode, string name, string? scope,
        bool publish, bool allowOverlap, bool allowExpired)
    {
        var features = FeatureFormats.Read(polygonFile);
        if (!File.Exists(itemsFile))
            throw new InputException(InputProblem.Error("file.missing", $"items file '{itemsFile}' does not exist", new SourceLocation(itemsFile), "Check the path."));
        var items = AssessmentItemsFile.Parse(File.ReadAllBytes(itemsFile), Path.GetFileName(itemsFile), AssessmentRegistryCache.Catalogue,
            Path.GetDirectoryName(Path.GetFullPath(itemsFile)));
        var checksum = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(polygonFile.Split('|')[0])));
        return new AreaFiles(new AssessmentAreaDraft(unitCode, name, scope, features, items), Path.GetFileName(polygonFile), checksum,
            publish, allowOverlap, allowExpired);
    }

    public static Task<AssessmentImportResult> ImportAsync(ObDatabase db, AreaFiles area, string who, DateOnly today, int? sourceSrid, string? note,
        CancellationToken ct) =>
        new AssessmentImporter(db).ImportAsync(area.Draft, new AssessmentImportRequest(who, today, area.SourceFile, area.ChecksumSha256,
            sourceSrid, area.Publish, area.AllowOverlap, area.AllowExpired, note), ct);

    /// <summary>Reads and checks a whole manifest, then writes it (see the class summary); returns each area's result in order.</summary>
    public static async Task<(int Zones, IReadOnlyList<AssessmentImportResult> Areas)> ImportManifestAsync(ObDatabase db, string manifestPath, string who,
        DateOnly today, bool? publishOverride, IProgress<double>? progress, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var at = new SourceLocation(Path.GetFileName(manifestPath));
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InputException(InputProblem.Error("assessment.manifest", $"'{at.File}' is not valid JSON: {e.Message}", at, "Fix the JSON syntax."));
        }
        catch (IOException e)
        {
            throw new InputException(InputProblem.Error("file.missing", $"manifest '{manifestPath}' cannot be read: {e.Message}", at, "Check the path."));
        }

        string Path_(JsonElement e, string property, int? record)
        {
            var value = e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (string.IsNullOrWhiteSpace(value))
                throw new InputException(InputProblem.Error("assessment.manifest", $"{(record is null ? "zones" : $"area {record}")} has no \"{property}\"",
                    at with { Record = record }, $"Give \"{property}\" (a path relative to the manifest)."), 422);
            return Path.Combine(folder, value);
        }
        static string? Text(JsonElement e, string property) => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static bool Flag(JsonElement e, string property) => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;

        FeatureSet? zones = null;
        (string Code, string Name, string? Kind) zoneFields = ("KFQDM", "KFQMC", null);
        if (root.TryGetProperty("zones", out var z) && z.ValueKind == JsonValueKind.Object)
        {
            zones = FeatureFormats.Read(Path_(z, "file", null));
            zoneFields = (Text(z, "codeField") ?? "KFQDM", Text(z, "nameField") ?? "KFQMC", Text(z, "kindField"));
        }
        var areas = new List<AreaFiles>();
        if (root.TryGetProperty("areas", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var record = 0;
            foreach (var a in list.EnumerateArray())
            {
                record++;
                var unit = Text(a, "unitCode") ?? "";
                var name = Text(a, "name") ?? "";
                areas.Add(ReadArea(Path_(a, "file", record), Path_(a, "items", record), unit, name, Text(a, "scope"),
                    publishOverride ?? Flag(a, "publish"), Flag(a, "allowOverlap"), Flag(a, "allowExpired")));
            }
        }
        if (zones is null && areas.Count == 0)
            throw new InputException(InputProblem.Error("assessment.manifest", $"'{at.File}' lists neither zones nor areas", at,
                "Give \"zones\" {file, codeField, nameField} and/or \"areas\" [{unitCode, name, file, items, publish}]."), 422);

        var zoneCount = zones is null ? 0 : await new AssessmentStore(db).ReplaceZonesAsync(zones, zoneFields.Code, zoneFields.Name, zoneFields.Kind, who, ct: ct);
        var results = new List<AssessmentImportResult>();
        foreach (var area in areas)
        {
            results.Add(await ImportAsync(db, area, who, today, null, $"manifest {Path.GetFileName(manifestPath)}", ct));
            progress?.Report(100.0 * results.Count / areas.Count);
        }
        return (zoneCount, results);
    }
}
