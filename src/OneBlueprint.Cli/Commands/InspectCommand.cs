using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob inspect FILE`: what is in a file — features, the CRS it declares or looks like, each polygon's
/// planar area (its GK zone) and ellipsoidal area (CGCS2000) in m², ha and 亩, and every validity problem.
/// </summary>
public sealed class InspectCommand : ICommand
{
    public string Name => "inspect";
    public string Summary => "features, CRS, areas and validity problems of a file";
    public string Usage => """
        usage: ob inspect FILE [--json] [--crs EPSG:N]
          --json      machine-readable output (features, crs, areas, problems, warnings)
          --crs       the coordinates' CRS when the file does not declare it
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "json" };

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "the file to inspect");
        var json = args.Has("json");
        var forced = args.GetSrid("crs");
        args.RejectUnknown();

        var set = FeatureFormats.Read(path);
        var report = Inspect(set, path, forced);
        if (json) System.Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
        else Print(report);
        return Task.FromResult(report.Problems.Any(p => p.Severity == "error") ? 1 : 0);
    }

    public sealed record AreaFigures(double M2, double Ha, double Mu);
    public sealed record FeatureReport(int Number, string? Id, string GeometryType, int Vertices, AreaFigures? PlanarArea, int? PlanarSrid, AreaFigures? EllipsoidalArea, IReadOnlyDictionary<string, object?> Attributes);
    public sealed record ProblemReport(string Severity, string Code, string What, object? Where, string HowToFix);
    public sealed record CrsReport(int? Srid, string? Name, string Source, string? LooksLike);
    public sealed record InspectReport(string File, int FeatureCount, CrsReport Crs, IReadOnlyList<FeatureReport> Features, AreaFigures? TotalPlanarArea, AreaFigures? TotalEllipsoidalArea, IReadOnlyList<ProblemReport> Problems);

    public static InspectReport Inspect(FeatureSet set, string path, int? forcedSrid)
    {
        var envelope = new Envelope();
        foreach (var f in set.Features) envelope.ExpandToInclude(f.Geometry.EnvelopeInternal);
        var guess = set.Features.Count > 0 ? CrsGuess.Guess(envelope) : null;
        var srid = forcedSrid ?? set.Srid ?? guess?.SuggestedSrid;
        var crs = new CrsReport(srid, srid is { } s && CrsRegistry.IsKnown(s) ? CrsRegistry.Name(s) : null,
            forcedSrid is not null ? "--crs" : set.Srid is not null ? "declared by the file" : guess?.SuggestedSrid is not null ? "guessed from the coordinates" : "unknown",
            guess?.Description);

        var problems = new List<InputProblem>(set.Warnings);
        var features = new List<FeatureReport>();
        double planarTotal = 0, ellipsoidalTotal = 0;
        var number = 0;
        foreach (var f in set.Features)
        {
            number++;
            problems.AddRange(GeometryValidator.Check(f.Geometry, f.Source ?? new SourceLocation(path, Record: number)));
            AreaFigures? planar = null, ellipsoidal = null;
            int? planarSrid = null;
            if (f.Geometry is IPolygonal && srid is { } known && CrsRegistry.IsKnown(known))
            {
                var measure = Areas.Measure(f.Geometry, known);
                planar = Figures(measure.PlanarM2);
                ellipsoidal = Figures(measure.EllipsoidalM2);
                planarSrid = measure.PlanarSrid;
                planarTotal += measure.PlanarM2;
                ellipsoidalTotal += measure.EllipsoidalM2;
            }
            features.Add(new FeatureReport(number, f.Id, f.Geometry.GeometryType, f.Geometry.NumPoints, planar, planarSrid, ellipsoidal,
                f.Attributes.ToDictionary(a => a.Key, a => a.Value)));
        }
        if (srid is null)
            problems.Add(InputProblem.Warning("crs.unknown", "the file does not declare its coordinate system and the coordinates do not look like a known one",
                new SourceLocation(path), "Give --crs EPSG:N to get areas."));

        var anyArea = features.Any(f => f.PlanarArea is not null);
        return new InspectReport(path, set.Features.Count, crs, features,
            anyArea ? Figures(planarTotal) : null, anyArea ? Figures(ellipsoidalTotal) : null,
            problems.Select(p => new ProblemReport(p.Severity.ToString().ToLowerInvariant(), p.Code, p.What, p.Where, p.HowToFix)).ToList());
    }

    private static AreaFigures Figures(double m2) =>
        new(Math.Round(m2, 4), Math.Round(AreaUnits.ToHectares(m2), 6), Math.Round(AreaUnits.ToMu(m2), 4));

    private static void Print(InspectReport r)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{r.File}[/]: {r.FeatureCount} features");
        AnsiConsole.MarkupLineInterpolated($"CRS: {(r.Crs.Srid is { } s ? $"EPSG:{s} {r.Crs.Name}" : "unknown")} ({r.Crs.Source}){(r.Crs.LooksLike is null ? "" : $"; coordinates look like: {r.Crs.LooksLike}")}");
        var table = new Table().AddColumns("#", "id", "type", "vertices", "planar m²", "planar ha", "亩", "ellipsoidal m²");
        foreach (var f in r.Features.Take(200))
            table.AddRow(f.Number.ToString(), Markup.Escape(f.Id ?? ""), f.GeometryType, f.Vertices.ToString(),
                f.PlanarArea?.M2.ToString("N3") ?? "", f.PlanarArea?.Ha.ToString("N4") ?? "", f.PlanarArea?.Mu.ToString("N2") ?? "", f.EllipsoidalArea?.M2.ToString("N3") ?? "");
        AnsiConsole.Write(table);
        if (r.Features.Count > 200) AnsiConsole.MarkupLineInterpolated($"… {r.Features.Count - 200} more (use --json for all)");
        if (r.TotalPlanarArea is { } t) AnsiConsole.MarkupLineInterpolated($"Total: {t.M2:N3} m² = {t.Ha:N4} ha = {t.Mu:N2} 亩 (planar); {r.TotalEllipsoidalArea!.M2:N3} m² ellipsoidal");
        foreach (var p in r.Problems)
            AnsiConsole.MarkupLineInterpolated($"[{(p.Severity == "error" ? "red" : "yellow")}]{p.Severity} {p.Code}[/]: {p.What} {(p.Where is null ? "" : $"({p.Where})")}. {p.HowToFix}");
    }
}
