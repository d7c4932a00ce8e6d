using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Turns a red line as read into one the engine may check, or refuses it with what is wrong, where and how to fix
/// it — in this order, each step on input that passed the ones before:
/// <list type="number">
/// <item>no parcels, or only empty ones → 400;</item>
/// <item>more than <see cref="ComplianceLimits.MaxVertices"/> points → 413;</item>
/// <item>no CRS, or coordinates that cannot be in the declared CRS (<see cref="CrsGuess.LooksConsistent"/>) → 422
/// naming the CRS they look like;</item>
/// <item>a parcel that is not a polygon, or an invalid one (<see cref="GeometryValidator"/>: self-intersection, hole
/// outside its shell, …) → 422 with the coordinate, in the input's own CRS so the user finds the point;</item>
/// <item>transformed to the working CRS; several parcels become one geometry, merged where they touch or overlap
/// (an overlap is warned about: it would otherwise be counted twice);</item>
/// <item>a red line more than <see cref="ComplianceLimits.ExtentMarginMetres"/> away from every loaded control layer
/// → 422: it is in another city, or its zone or CRS is declared wrong (the zone that would place it in the
/// blueprint is suggested).</item>
/// </list>
/// </summary>
public static class RedLinePreparation
{
    public static PreparedRedLine Prepare(FeatureSet input, int workingSrid, Envelope? blueprintExtent, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var at = new SourceLocation(sourceName);
        var features = input.Features;
        if (features.Count == 0 || features.All(f => f.Geometry is null || f.Geometry.IsEmpty))
            throw new InputException(InputProblem.Error("redline.empty",
                features.Count == 0 ? "the red line has no parcels" : "every parcel of the red line is empty", at,
                "Send at least one parcel (地块) with its boundary: a GeoJSON Polygon/MultiPolygon or a TXT [地块坐标] section."));

        var vertices = features.Sum(f => (long)f.Geometry.NumPoints);
        if (vertices > ComplianceLimits.MaxVertices)
            throw new InputException(InputProblem.Error("redline.too_many_vertices",
                $"the red line has {vertices:N0} boundary points; a check takes at most {ComplianceLimits.MaxVertices:N0}", at,
                "Simplify the boundary (a project's parcels rarely need more than a few thousand points), or check the parcels in several requests."), 413);

        var srid = input.Srid ?? throw new InputException(InputProblem.Error("crs.unknown",
            "the red line does not say which coordinate system it is in", at,
            "Give crs=EPSG:N (e.g. EPSG:4547 for CGCS2000 GK CM 114°E), or in a TXT write 坐标系 and 带号 in [属性描述]."), 422);
        if (!CrsRegistry.IsKnown(srid))
            throw new InputException(InputProblem.Error("crs.unsupported", $"EPSG:{srid} is not a coordinate system OneBlueprint knows", at,
                $"Use one of: {CrsRegistry.SupportedRanges}."), 422);

        var problems = new List<InputProblem>();
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            if (f.Geometry is Polygon or MultiPolygon) continue;
            problems.Add(InputProblem.Error("redline.not_areal",
                f.Geometry.IsEmpty ? $"parcel {Label(f, i)} has no geometry" : $"parcel {Label(f, i)} is a {f.Geometry.GeometryType}, not a polygon",
                Where(f, i, sourceName), "A red-line parcel is an area: send its boundary as a closed ring (GeoJSON Polygon/MultiPolygon, TXT 图形属性=面)."));
        }
        if (problems.Count > 0) throw new InputException(problems, 422);

        CheckCrs(features, srid, sourceName);

        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            problems.AddRange(GeometryValidator.Check(f.Geometry, Where(f, i, sourceName)).Where(p => p.Severity == ProblemSeverity.Error)
                .Select(p => p with { What = $"parcel {Label(f, i)}: {p.What}" }));
        }
        if (problems.Count > 0) throw new InputException(problems, 422);

        var warnings = new List<InputProblem>(input.Warnings);
        var geometry = Combine(features, srid, workingSrid, sourceName, warnings);
        if (blueprintExtent is { IsNull: false } extent) CheckWithinBlueprint(geometry, features, srid, workingSrid, extent, sourceName);
        return new PreparedRedLine(geometry, features.Count, srid, warnings);
    }

    private static void CheckCrs(List<GeoFeature> features, int srid, string sourceName)
    {
        var envelope = new Envelope();
        foreach (var f in features) envelope.ExpandToInclude(f.Geometry.EnvelopeInternal);
        if (CrsGuess.LooksConsistent(envelope, srid, out var reason)) return;
        var guess = CrsGuess.Guess(envelope);
        var first = features.Select(f => f.Geometry.Coordinate).FirstOrDefault(c => c is not null);
        var suggestion = guess.SuggestedSrid is { } s && s != srid ? $" Declare crs=EPSG:{s} ({CrsRegistry.Name(s)}) if that is what they are." : "";
        throw new InputException(InputProblem.Error("crs.mismatch",
            $"the coordinates do not fit EPSG:{srid} ({CrsRegistry.Name(srid)}): {reason?.TrimEnd('.')}",
            new SourceLocation(sourceName, X: first?.X, Y: first?.Y),
            $"{guess.Description}{suggestion} In a TXT, correct 坐标系 and 带号 in [属性描述]."), 422);
    }

    /// <summary>All parcels in the working CRS as one valid polygonal geometry.</summary>
    private static Geometry Combine(List<GeoFeature> features, int srid, int workingSrid, string sourceName, List<InputProblem> warnings)
    {
        var working = features.Select(f => Reprojector.Transform(f.Geometry, srid, workingSrid)).ToList();
        if (working.Count == 1) return working[0];

        var polygons = working.SelectMany(g => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN)).OfType<Polygon>().ToArray();
        var factory = GeometryKit.Factory(workingSrid);
        Geometry combined = factory.CreateMultiPolygon(polygons);
        if (combined.IsValid) return combined;

        // Parcels that share a boundary (common: adjacent plots of one project) or overlap: merge them.
        var merged = combined.Union();
        merged.SRID = workingSrid;
        var overlap = polygons.Sum(p => p.Area) - merged.Area;
        if (overlap > 0.01)
            warnings.Add(InputProblem.Warning("redline.parcels_overlap",
                string.Create(CultureInfo.InvariantCulture, $"parcels of the red line overlap each other by {overlap:0.##} m²; the overlap is counted once"),
                new SourceLocation(sourceName),
                "Check the parcels' boundaries: parcels of one project should not overlap (a parcel listed twice, or a wrong point)."));
        return merged;
    }

    private static void CheckWithinBlueprint(Geometry geometry, List<GeoFeature> features, int srid, int workingSrid, Envelope extent, string sourceName)
    {
        var reach = new Envelope(extent);
        reach.ExpandBy(ComplianceLimits.ExtentMarginMetres);
        var box = geometry.EnvelopeInternal;
        if (reach.Intersects(box)) return;

        var (lon, lat) = Reprojector.Transform(box.Centre.X, box.Centre.Y, workingSrid, CrsCatalog.Cgcs2000);
        var (west, south) = Reprojector.Transform(extent.MinX, extent.MinY, workingSrid, CrsCatalog.Cgcs2000);
        var (east, north) = Reprojector.Transform(extent.MaxX, extent.MaxY, workingSrid, CrsCatalog.Cgcs2000);
        var distanceKm = reach.Distance(box) / 1000 + ComplianceLimits.ExtentMarginMetres / 1000;
        var what = string.Create(CultureInfo.InvariantCulture,
            $"read as EPSG:{srid} ({CrsRegistry.Name(srid)}), the red line lies at {lon:0.###}°E {lat:0.###}°N, about {distanceKm:0} km from the control lines of this blueprint ({west:0.##}–{east:0.##}°E, {south:0.##}–{north:0.##}°N)");
        var first = features.Select(f => f.Geometry.Coordinate).FirstOrDefault(c => c is not null);
        var fix = SuggestZone(features, srid, workingSrid, reach) is { } suggested
            ? $"The coordinates fit EPSG:{suggested.Srid} ({CrsRegistry.Name(suggested.Srid)}): the zone is probably declared wrong — write 带号={suggested.Zone} in the TXT, or send crs=EPSG:{suggested.Srid}."
            : "The parcel belongs to another city, or its coordinate system is declared wrong (zone 带号, datum 坐标系, or crs=): check the survey's coordinate system.";
        throw new InputException(InputProblem.Error("redline.outside_blueprint", what, new SourceLocation(sourceName, X: first?.X, Y: first?.Y), fix), 422);
    }

    /// <summary>
    /// For unprefixed Gauss-Krüger input (where the numbers cannot tell the zone), the zone of the same datum in
    /// which the coordinates would land within the blueprint; null when there is none or the input is not such.
    /// </summary>
    private static (int Srid, int Zone)? SuggestZone(List<GeoFeature> features, int srid, int workingSrid, Envelope reach)
    {
        if (CrsCatalog.DescribeGaussKruger(srid) is not { Prefixed: false } declared) return null;
        var centre = new Envelope();
        foreach (var f in features) centre.ExpandToInclude(f.Geometry.EnvelopeInternal);
        for (var zone = CrsCatalog.FirstZone; zone <= CrsCatalog.LastZone; zone++)
        {
            if (zone == declared.Zone) continue;
            var candidate = CrsCatalog.GaussKrugerSrid(declared.Datum, zone, prefixed: false);
            try
            {
                var (x, y) = Reprojector.Transform(centre.Centre.X, centre.Centre.Y, candidate, workingSrid);
                if (reach.Contains(x, y)) return (candidate, zone);
            }
            catch (CrsException)
            {
                return null; // a datum without a configured shift: no suggestion possible
            }
        }
        return null;
    }

    private static string Label(GeoFeature f, int index) => f.Id ?? (index + 1).ToString(CultureInfo.InvariantCulture);

    private static SourceLocation Where(GeoFeature f, int index, string sourceName) => f.Source ?? new SourceLocation(sourceName, Record: index + 1);
}
