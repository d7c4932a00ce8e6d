using System.Globalization;
using OneBlueprint.Cli.Console;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob crs transform`: a cs2cs-like filter over "x y" lines, easting/longitude first both ways.</summary>
public sealed class CrsCommand : ICommand
{
    public string Name => "crs";
    public string Summary => "transform coordinates: ob crs transform --from EPSG:4490 --to EPSG:4547 < points.txt";
    public string Usage => """
        usage: ob crs transform --from EPSG:A --to EPSG:B
          Reads "x y" lines on stdin (x = easting or longitude, y = northing or latitude), writes "x y" lines:
          metres with 4 decimals, degrees with 10. Blank lines and lines starting with # pass through.
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (args.Positional(0, "a subcommand (transform)") != "transform") throw new UsageException("the only subcommand is 'transform'");
        var from = args.GetSrid("from") ?? throw new UsageException("--from EPSG:N is required");
        var to = args.GetSrid("to") ?? throw new UsageException("--to EPSG:N is required");
        args.RejectUnknown();
        var decimals = CrsRegistry.IsGeographic(to) ? 10 : 4;

        var input = System.Console.In;
        var output = System.Console.Out;
        var lineNo = 0;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            lineNo++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) { await output.WriteLineAsync(line); continue; }
            var parts = trimmed.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                await System.Console.Error.WriteLineAsync($"error: stdin line {lineNo}: '{line}' is not two numbers \"x y\"");
                return 2;
            }
            var (tx, ty) = Reprojector.Transform(x, y, from, to);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Math.Round(tx, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture)} {Math.Round(ty, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture)}"));
        }
        return 0;
    }
}
