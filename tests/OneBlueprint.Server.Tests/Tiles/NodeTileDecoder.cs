using OneBlueprint.Server.Tests.Support;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>
/// Decodes a tile with tests/js/decode.mjs — the reference JavaScript decoder (@mapbox/vector-tile + pbf),
/// independent of our encoder — and returns its JSON: { layers: { NAME: { version, extent, features: [GeoJSON
/// Feature with lon/lat coordinates, id, rawType] } } }. Installs the pinned packages (npm ci) when missing.
/// </summary>
public static class NodeTileDecoder
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string JsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OneBlueprint.sln"))) return Path.Combine(dir.FullName, "tests", "js");
            throw new InvalidOperationException("repository root (OneBlueprint.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<JsonObject> DecodeAsync(byte[] tile, int z, int x, int y)
    {
        var folder = JsFolder;
        await EnsureInstalledAsync(folder);
        var file = Path.Combine(Path.GetTempPath(), $"ob-tile-{Guid.NewGuid():N}.mvt");
        await File.WriteAllBytesAsync(file, tile);
        try
        {
            var (code, stdout, stderr) = await RunAsync(folder, "node", "decode.mjs", file, z.ToString(), x.ToString(), y.ToString());
            Assert.True(code == 0, $"node decode.mjs failed ({code}): {stderr}");
            return JsonNode.Parse(stdout)!.AsObject();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", "@mapbox", "vector-tile"))) return;
            var (code, _, stderr) = await RunAsync(folder, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(code == 0, $"npm ci in {folder} failed: {stderr}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string folder, string program, params string[] args)
    {
        var output = await ExternalTool.RunAsync(program, args, "scripts/deps.sh (node and npm)", new ExternalTool.Options { WorkingDirectory = folder });
        return (output.ExitCode, output.Stdout, output.Stderr);
    }
}
