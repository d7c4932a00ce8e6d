using NetTopologySuite.Geometries;
using static System.FormattableString;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// Reads the magnitudes of coordinates to say which system they are probably in, and whether they fit the
/// system a file declares. Chinese inputs go wrong in a few typical ways: survey order X=北 (northing) first,
/// the zone prefix stripped or kept, the wrong zone or datum declared, web data in Web Mercator or lon/lat.
/// Only an envelope is needed, so callers can check before building geometries.
/// <para>
/// Magnitudes used: China spans 73–136°E, 3–54°N; 3° GK northings there are 0.33–6.0 million m (7 digits
/// north of ~9°N); unprefixed eastings stay within 500,000 ± ~330,000 m (6 digits), prefixed ones are
/// zone×1,000,000 + that (8 digits, zones 25–45); Web Mercator x is 8.1–15.2 million m over China.
/// </para>
/// </summary>
public static class CrsGuess
{
    public const double ChinaWest = 73.0, ChinaEast = 136.0, ChinaSouth = 3.0, ChinaNorth = 54.0;

    /// <summary>
    /// How far beyond its ±1.5° band a GK zone may be used before coordinates count as being in the wrong zone.
    /// Cities straddling two zones often keep one central meridian for everything (e.g. up to ~2° away in Henan),
    /// so the margin is generous; a wrong declared zone usually puts points 3° or more away.
    /// </summary>
    public const double ZoneMarginDegrees = 1.0;

    private const double MinNorthing = 300_000, MaxNorthing = 6_100_000;
    private const double MinUnprefixedEasting = 100_000, MaxUnprefixedEasting = 1_000_000;
    private const double MercatorMinX = 8_100_000, MercatorMaxX = 15_200_000, MercatorMinY = 300_000, MercatorMaxY = 7_200_000;

    /// <summary>
    /// Guesses the system of coordinates spanning <paramref name="envelope"/>. A declared SRID (from a .prj,
    /// 坐标系/带号 header, crs member) supplies the datum and, for unprefixed eastings, the zone; when it fits the
    /// coordinates it is the suggestion, otherwise the sentence says why not.
    /// </summary>
    public static CrsGuessResult Guess(Envelope envelope, int? declaredSrid = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var declared = declaredSrid is { } d && CrsRegistry.IsKnown(d) ? CrsRegistry.Get(d) : null;
        var guess = Classify(envelope, declared);
        if (declaredSrid is not { } srid) return guess;
        if (declared is null)
            return guess with { Description = $"{guess.Description} The declared EPSG:{srid} is not a supported system ({CrsRegistry.SupportedRanges})." };
        if (LooksConsistent(envelope, srid, out var reason))
            return guess with { SuggestedSrid = srid, Description = $"{guess.Description} This fits the declared EPSG:{srid} ({declared.Name})." };
        return guess with { Description = $"{guess.Description} The declared EPSG:{srid} does not fit: {reason}" };
    }

    /// <summary>
    /// False, with a reason a person can act on, when coordinates spanning <paramref name="envelope"/> cannot be in
    /// <paramref name="srid"/>: unknown code, degrees vs metres, swapped axes, a zone prefix other than the declared
    /// zone (or a prefix where none belongs, or none where one does), points more than 1.5° + <see cref="ZoneMarginDegrees"/>
    /// from the zone's central meridian, or outside China (73–136°E, 3–54°N). An empty envelope is consistent.
    /// </summary>
    public static bool LooksConsistent(Envelope envelope, int srid, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        reason = null;
        if (!CrsRegistry.IsKnown(srid))
        {
            reason = $"EPSG:{srid} is not a supported coordinate system; supported: {CrsRegistry.SupportedRanges}.";
            return false;
        }
        if (envelope.IsNull) return true;
        if (!IsFinite(envelope))
        {
            reason = "the coordinates contain NaN or infinite values.";
            return false;
        }

        var definition = CrsRegistry.Get(srid);
        var layout = Classify(envelope, definition);
        if (layout.AxesSwapped)
        {
            reason = layout.Description;
            return false;
        }

        switch (definition.Kind)
        {
            case CrsKind.Geographic:
                if (!IsDegrees(envelope))
                {
                    reason = Invariant($"EPSG:{srid} is longitude/latitude in degrees, but the coordinates are metres or larger (x {envelope.MinX:0.###}–{envelope.MaxX:0.###}). {layout.Description}");
                    return false;
                }
                return InChina(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, srid, out reason);

            case CrsKind.WebMercator:
                if (IsDegrees(envelope))
                {
                    reason = $"EPSG:3857 is Web Mercator metres, but the coordinates look like degrees. {layout.Description}";
                    return false;
                }
                return InverseInChina(envelope, definition, null, out reason);

            default:
                return GaussKrugerConsistent(envelope, definition, out reason);
        }
    }

    private static bool GaussKrugerConsistent(Envelope envelope, CrsDefinition definition, out string? reason)
    {
        reason = null;
        var zone = definition.Zone!.Value;
        var srid = definition.Srid;
        var westZone = CrsCatalog.ZoneFromEasting(envelope.MinX);
        var eastZone = CrsCatalog.ZoneFromEasting(envelope.MaxX);
        if (IsDegrees(envelope))
        {
            reason = $"EPSG:{srid} ({definition.Name}) is in metres, but the coordinates look like longitude/latitude degrees (EPSG:{definition.GeographicSrid}?).";
            return false;
        }
        if (definition.Prefixed)
        {
            if (westZone is null || eastZone is null)
            {
                var unprefixed = CrsCatalog.GaussKrugerSrid(definition.Datum, zone, prefixed: false);
                reason = Invariant($"EPSG:{srid} ({definition.Name}) expects 8-digit eastings starting with the zone number {zone} ({zone},xxx,xxx), but the eastings run {envelope.MinX:0.###}–{envelope.MaxX:0.###}. If they are 6-digit eastings without the prefix, declare EPSG:{unprefixed} ({CrsRegistry.Name(unprefixed)}).");
                return false;
            }
            if (westZone != zone || eastZone != zone)
            {
                var found = westZone == eastZone ? $"zone prefix {westZone}" : $"zone prefixes {westZone} to {eastZone}";
                var hint = westZone == eastZone ? $" Declare EPSG:{CrsCatalog.GaussKrugerSrid(definition.Datum, westZone.Value, true)} ({CrsRegistry.Name(CrsCatalog.GaussKrugerSrid(definition.Datum, westZone.Value, true))}) or fix 带号." : "";
                reason = $"the eastings carry {found} but EPSG:{srid} is zone {zone} (parcel in the wrong zone, or the wrong 带号 declared).{hint}";
                return false;
            }
        }
        else if (westZone is not null || eastZone is not null || envelope.MaxX >= MaxUnprefixedEasting)
        {
            var prefix = westZone ?? eastZone;
            var hint = prefix is { } p ? $" They look prefixed with zone {p}: declare EPSG:{CrsCatalog.GaussKrugerSrid(definition.Datum, p, true)} ({CrsRegistry.Name(CrsCatalog.GaussKrugerSrid(definition.Datum, p, true))})." : "";
            reason = Invariant($"EPSG:{srid} ({definition.Name}) has no zone prefix, so eastings should be 6 digits around 500,000, but they run {envelope.MinX:0.###}–{envelope.MaxX:0.###}.{hint}");
            return false;
        }
        if (envelope.MinY < MinNorthing || envelope.MaxY > MaxNorthing)
        {
            reason = Invariant($"northings {envelope.MinY:0.###}–{envelope.MaxY:0.###} are outside China (about {MinNorthing:#,0}–{MaxNorthing:#,0} m in a 3° Gauss-Krüger zone).");
            return false;
        }
        return InverseInChina(envelope, definition, zone, out reason);
    }

    /// <summary>Inverse-projects the envelope's corners and mid-edges and checks them against China and the zone band.</summary>
    private static bool InverseInChina(Envelope envelope, CrsDefinition definition, int? zone, out string? reason)
    {
        double[] xs = [envelope.MinX, envelope.MaxX, envelope.MinX, envelope.MaxX, envelope.Centre.X, envelope.Centre.X];
        double[] ys = [envelope.MinY, envelope.MinY, envelope.MaxY, envelope.MaxY, envelope.MinY, envelope.MaxY];
        Reprojector.Transform(xs, ys, definition.Srid, definition.GeographicSrid);
        double west = xs.Min(), east = xs.Max(), south = ys.Min(), north = ys.Max();
        if (!InChina(west, south, east, north, definition.Srid, out reason)) return false;
        if (zone is { } z)
        {
            var cm = CrsCatalog.CentralMeridian(z);
            var limit = 1.5 + ZoneMarginDegrees;
            if (west < cm - limit || east > cm + limit)
            {
                var actualZone = (int)Math.Round((west + east) / 2 / 3.0);
                reason = Invariant($"in EPSG:{definition.Srid} ({definition.Name}) these coordinates fall at {west:0.##}–{east:0.##}°E, more than {limit}° from the central meridian {cm}°E: the parcel is in another zone or the wrong zone/central meridian is declared") +
                         (actualZone is >= CrsCatalog.FirstZone and <= CrsCatalog.LastZone && actualZone != z ? $" (it would sit in zone {actualZone}, CM {actualZone * 3}°E, if the numbers were computed there)." : ".");
                return false;
            }
        }
        return true;
    }

    private static bool InChina(double west, double south, double east, double north, int srid, out string? reason)
    {
        reason = null;
        if (double.IsFinite(west) && double.IsFinite(east) && double.IsFinite(south) && double.IsFinite(north)
            && west >= ChinaWest && east <= ChinaEast && south >= ChinaSouth && north <= ChinaNorth)
            return true;
        reason = Invariant($"in EPSG:{srid} ({CrsRegistry.Name(srid)}) these coordinates lie at {west:0.###}–{east:0.###}°E, {south:0.###}–{north:0.###}°N, outside China ({ChinaWest}–{ChinaEast}°E, {ChinaSouth}–{ChinaNorth}°N): wrong coordinate system, swapped axes or wrong units.");
        return false;
    }

    private static CrsGuessResult Classify(Envelope e, CrsDefinition? declared)
    {
        if (e.IsNull) return new(CoordinateLayout.Unknown, null, "There are no coordinates to judge.");
        if (!IsFinite(e)) return new(CoordinateLayout.Unknown, null, "The coordinates contain NaN or infinite values.");

        var datum = declared?.Datum ?? GeodeticDatum.Cgcs2000;
        var geographic = declared is { IsGeographic: true } ? declared.Srid : CrsDefinition.GeographicSridOf(datum);
        var range = Invariant($"x {e.MinX:0.###}–{e.MaxX:0.###}, y {e.MinY:0.###}–{e.MaxY:0.###}");

        if (Within(e.MinX, e.MaxX, ChinaWest, ChinaEast) && Within(e.MinY, e.MaxY, ChinaSouth, ChinaNorth))
            return new(CoordinateLayout.LonLatDegrees, geographic, $"Coordinates look like longitude/latitude degrees in China ({range}): EPSG:{geographic}.");
        if (Within(e.MinX, e.MaxX, ChinaSouth, ChinaNorth) && Within(e.MinY, e.MaxY, ChinaWest, ChinaEast))
            return new(CoordinateLayout.LonLatSwapped, geographic,
                $"X and Y look swapped (latitude first?): x holds latitudes and y longitudes ({range}). Swap them; then they are EPSG:{geographic} longitude/latitude.");
        if (IsDegrees(e))
            return new(CoordinateLayout.LonLatDegrees, geographic, $"Coordinates look like longitude/latitude degrees but lie outside China ({range}); check the axis order and the data.");

        var zoneFromX = SingleZone(e.MinX, e.MaxX);
        var zoneFromY = SingleZone(e.MinY, e.MaxY);
        var northingX = Within(e.MinX, e.MaxX, MinNorthing, MaxNorthing);
        var northingY = Within(e.MinY, e.MaxY, MinNorthing, MaxNorthing);

        if (zoneFromX is { } zx && northingY)
        {
            var srid = CrsCatalog.GaussKrugerSrid(datum, zx, prefixed: true);
            return new(CoordinateLayout.GaussKrugerPrefixed, srid,
                $"8-digit eastings carry the zone prefix {zx}: 3° Gauss-Krüger zone {zx} (CM {zx * 3}°E), EPSG:{srid} ({CrsRegistry.Name(srid)}).");
        }
        if (zoneFromY is { } zy && northingX)
        {
            var srid = CrsCatalog.GaussKrugerSrid(datum, zy, prefixed: true);
            return new(CoordinateLayout.GaussKrugerSwapped, srid,
                $"X and Y look swapped (X=北 first?): x holds 7-digit northings and y 8-digit eastings with zone prefix {zy} ({range}). Swap them; then they are EPSG:{srid} ({CrsRegistry.Name(srid)}).");
        }
        var westPrefix = CrsCatalog.ZoneFromEasting(e.MinX);
        var eastPrefix = CrsCatalog.ZoneFromEasting(e.MaxX);
        if ((westPrefix ?? eastPrefix) is not null && westPrefix != eastPrefix)
            return new(CoordinateLayout.Unknown, null,
                Invariant($"Eastings run {e.MinX:0.###}–{e.MaxX:0.###}: they mix zone prefixes {westPrefix?.ToString() ?? "(none)"} and {eastPrefix?.ToString() ?? "(none)"}. One file should hold one zone, all prefixed or all not; split it or reproject."));

        var declaredZone = declared?.Zone;
        if (Within(e.MinX, e.MaxX, MinUnprefixedEasting, MaxUnprefixedEasting) && Within(e.MinY, e.MaxY, 1_000_000, MaxNorthing))
        {
            if (declaredZone is { } z)
            {
                var srid = CrsCatalog.GaussKrugerSrid(datum, z, prefixed: false);
                return new(CoordinateLayout.GaussKrugerUnprefixed, srid,
                    $"6-digit eastings around 500,000 with 7-digit northings: 3° Gauss-Krüger without zone prefix; with the declared zone {z} that is EPSG:{srid} ({CrsRegistry.Name(srid)}).");
            }
            return new(CoordinateLayout.GaussKrugerUnprefixed, null,
                $"6-digit eastings around 500,000 with 7-digit northings ({range}): 3° Gauss-Krüger without zone prefix. The numbers do not say which zone; give the zone (带号) or central meridian, e.g. CM 114°E = EPSG:{CrsCatalog.GaussKrugerSrid(datum, 38, false)}.");
        }
        if (Within(e.MinY, e.MaxY, MinUnprefixedEasting, MaxUnprefixedEasting) && Within(e.MinX, e.MaxX, 1_000_000, MaxNorthing))
        {
            int? srid = declaredZone is { } z ? CrsCatalog.GaussKrugerSrid(datum, z, prefixed: false) : null;
            return new(CoordinateLayout.GaussKrugerSwapped, srid,
                $"X and Y look swapped (X=北 first?): x holds 7-digit northings and y 6-digit eastings around 500,000 ({range}). Swap them; they are then 3° Gauss-Krüger without zone prefix" +
                (srid is { } s ? $", EPSG:{s} with the declared zone." : "; the zone (带号) or central meridian is still needed."));
        }
        if (Within(e.MinX, e.MaxX, MercatorMinX, MercatorMaxX) && Within(e.MinY, e.MaxY, MercatorMinY, MercatorMaxY))
            return new(CoordinateLayout.WebMercator, CrsCatalog.WebMercator,
                $"Coordinates look like Web Mercator metres over China ({range}): EPSG:3857 (web map data; not survey coordinates).");
        if (Within(e.MinX, e.MaxX, 13_000_000, 24_000_000) && northingY)
            return new(CoordinateLayout.Unknown, null,
                $"Eastings look like 6° Gauss-Krüger with zone prefix {Math.Floor(e.MinX / 1e6)} (zones 13–23), which OneBlueprint does not take: reproject to a 3° zone.");
        return new(CoordinateLayout.Unknown, null,
            $"The coordinates ({range}) match none of lon/lat degrees, 3° Gauss-Krüger (with or without zone prefix) or Web Mercator over China: a local grid or wrong units?");
    }

    private static int? SingleZone(double min, double max) =>
        CrsCatalog.ZoneFromEasting(min) is { } zone && CrsCatalog.ZoneFromEasting(max) == zone ? zone : null;

    private static bool Within(double min, double max, double low, double high) => min >= low && max <= high;

    private static bool IsDegrees(Envelope e) => Within(e.MinX, e.MaxX, -180, 360) && Within(e.MinY, e.MaxY, -90, 90);

    private static bool IsFinite(Envelope e) =>
        double.IsFinite(e.MinX) && double.IsFinite(e.MaxX) && double.IsFinite(e.MinY) && double.IsFinite(e.MaxY);
}
