using OneBlueprint.Cli.Console;
using OneBlueprint.Server.Compliance;

namespace OneBlueprint.Cli.Commands;

/// <summary>A red-line file given on the command line: TXT or GeoJSON by its ending, read the way the API reads an upload.</summary>
public static class RedLineFile
{
    public static async Task<RedLineInput> ReadAsync(string path, int? forcedSrid, CancellationToken ct)
    {
        var format = RedLineInputReader.FormatOfName(path)
            ?? throw new UsageException($"'{Path.GetFileName(path)}' is neither a TXT (*.txt) nor GeoJSON (*.geojson, *.json)");
        if (!File.Exists(path)) throw new UsageException($"file '{path}' does not exist");
        return RedLineInputReader.Parse(await File.ReadAllBytesAsync(path, ct), format, Path.GetFileName(path), forcedSrid);
    }
}
