using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Reports.Map;

/// <summary>
/// Draws a report's map as one self-contained SVG element: the control features near the red line (each layer
/// with its catalogue style, first layer at the bottom), the parts that make a layer's verdict (overlaps, or the
/// part outside the urban development boundary) hatched, the red line above them in bold pure red
/// (<see cref="RedLineColour"/>), feature labels with a white halo on top, a frame with the CGCS2000 longitude/latitude of its corners,
/// a scale bar in metres, a north arrow (grid north of the working CRS) and a legend.
/// <para>
/// Working-CRS coordinates are projected into the viewBox by <see cref="MapFrame"/> (uniform scale, y flipped).
/// Every geometry is first simplified to the pixel size with NTS's <see cref="TopologyPreservingSimplifier"/> and
/// clipped to the frame, so a 20,000-vertex ecological redline costs a few hundred path vertices, not 20,000.
/// Geometry that cannot be simplified or clipped (invalid real data) is drawn as it is: drawing never throws on data.
/// </para>
/// <para>The root element carries <c>data-srid</c> and <c>data-extent</c> (the world box shown: minX minY maxX maxY).</para>
/// </summary>
public static class SvgMap
{
    /// <summary>The red line's colour: pure red, which nothing else on the page uses.</summary>
    public const string RedLineColour = "#ff0000";

    public const string ConflictColour = "#c2185b";
    public const string WarningColour = "#ef6c00";

    private const string FontFamily = "'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif";
    private const double Pad = 12;
    private const double FrameTop = 26;
    private const double LegendFont = 15;
    private const double LegendRow = 26;

    public static string Render(ComplianceReportModel model, SvgMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= SvgMapOptions.Default;
        var content = ContentExtent(model);
        var frame = MapFrame.Fit(content ?? new Envelope(0, 1, 0, 1), Pad, FrameTop, options.Width - 2 * Pad, options.MapHeight,
            options.MarginFraction, options.MinExtentMetres);
        var tolerance = options.SimplifyPixels * frame.MetresPerPixel;
        var clip = frame.World.Copy();
        clip.ExpandBy(8 * frame.MetresPerPixel);
        var clipGeometry = GeometryKit.Factory(model.Srid).ToGeometry(clip);

        var highlights = Highlights(model);
        var legend = LegendEntries(model, highlights, clip);
        var legendTop = frame.Top + frame.Height + 30;
        var (legendSvg, legendHeight) = Legend(legend, Pad, legendTop, options.Width - 2 * Pad, model.Srid);
        var height = legendTop + legendHeight + 6;

        var w = SvgPathWriter.Num(options.Width);
        var h = SvgPathWriter.Num(Math.Ceiling(height));
        var svg = new StringBuilder(16_384);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ob-map\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" ");
        svg.Append(CultureInfo.InvariantCulture,
            $"data-srid=\"{model.Srid}\" data-extent=\"{R(frame.World.MinX)} {R(frame.World.MinY)} {R(frame.World.MaxX)} {R(frame.World.MaxY)}\" ");
        svg.Append($"font-family=\"{FontFamily}\" role=\"img\" aria-label=\"项目用地红线与控制线叠加图\">\n");
        svg.Append(Defs(frame));
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(frame.Left)}\" y=\"{N(frame.Top)}\" width=\"{N(frame.Width)}\" height=\"{N(frame.Height)}\" fill=\"#fbfbf8\"/>\n");
        svg.Append("<g clip-path=\"url(#obmap-clip)\">\n");

        var overlapped = model.Result.Layers
            .SelectMany(l => l.Features.Where(f => f.OverlapAreaM2 > 0).Select(f => (l.Code, f.FeatureId)))
            .ToHashSet();
        var labeller = new MapLabeller(frame, options.MaxLabels);
        var outlines = new StringBuilder();
        for (var i = 0; i < model.MapLayers.Count; i++)
            AppendLayer(svg, outlines, i, model.MapLayers[i], frame, clip, clipGeometry, tolerance, labeller, overlapped);
        // Boundary-like layers (城镇开发边界: hardly any fill) would vanish under the fills drawn after them: their
        // outlines are drawn again above all fills.
        svg.Append(outlines);
        foreach (var (geometry, verdict, code) in highlights)
        {
            var drawn = Prepare(geometry, clip, clipGeometry, tolerance);
            if (drawn is null) continue;
            var colour = verdict == Verdict.Conflict ? ConflictColour : WarningColour;
            var pattern = verdict == Verdict.Conflict ? "obmap-hatch-conflict" : "obmap-hatch-warning";
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"highlight\" data-layer=\"{Html.Escape(code)}\" data-verdict=\"{ReportFormat.VerdictEn(verdict)}\" fill=\"url(#{pattern})\" fill-rule=\"evenodd\" stroke=\"{colour}\" stroke-width=\"1.5\" d=\"{SvgPathWriter.PathData(drawn, frame)}\"/>\n");
        }
        AppendRedLine(svg, model.RedLine, frame, clip, clipGeometry, tolerance);
        svg.Append(labeller.Render()); // on top, with a halo: a label under the red line cannot be read
        svg.Append("</g>\n");

        if (content is null)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{N(frame.Left + frame.Width / 2)}\" y=\"{N(frame.Top + frame.Height / 2)}\" text-anchor=\"middle\" font-size=\"20\" fill=\"#757575\">无图形 (no geometry to draw)</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(frame.Left)}\" y=\"{N(frame.Top)}\" width=\"{N(frame.Width)}\" height=\"{N(frame.Height)}\" fill=\"none\" stroke=\"#212121\" stroke-width=\"1.5\"/>\n");
        svg.Append(CornerLabels(frame, model.Srid));
        svg.Append(NorthArrow(frame));
        svg.Append(ScaleBar(frame));
        svg.Append(legendSvg);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>What the frame is fitted to: the red line, or the context features when there is no red line.</summary>
    private static Envelope? ContentExtent(ComplianceReportModel model)
    {
        if (model.RedLine is { IsEmpty: false } red) return red.EnvelopeInternal;
        Envelope? all = null;
        foreach (var feature in model.MapLayers.SelectMany(l => l.Features))
        {
            if (feature.Geometry is null || feature.Geometry.IsEmpty) continue;
            all ??= new Envelope();
            all.ExpandToInclude(feature.Geometry.EnvelopeInternal);
        }
        return all;
    }

    /// <summary>
    /// The geometry behind each non-pass layer verdict: the overlap parts, or for outside-measured layers (城镇开发边界)
    /// the part outside. Taken from the result when it kept geometry, else rebuilt from the map's features.
    /// </summary>
    private static List<(Geometry Geometry, Verdict Verdict, string Code)> Highlights(ComplianceReportModel model)
    {
        var list = new List<(Geometry, Verdict, string)>();
        foreach (var layer in model.Result.Layers)
        {
            if (layer.Verdict == Verdict.Pass) continue;
            var outside = layer.OutsideAreaM2 is not null;
            var geometry = outside
                ? layer.OutsideGeometry ?? RebuildOutside(model, layer.Code)
                : layer.Parts ?? RebuildParts(model, layer);
            if (geometry is { IsEmpty: false }) list.Add((geometry, layer.Verdict, layer.Code));
        }
        return list;
    }

    private static Geometry? RebuildParts(ComplianceReportModel model, LayerCompliance layer)
    {
        var ids = layer.Features.Where(f => !f.EdgeContact).Select(f => f.FeatureId).ToHashSet();
        var parts = new List<Geometry>();
        foreach (var feature in FeaturesOf(model, layer.Code).Where(f => ids.Contains(f.Id)))
        {
            var part = Safe(() => model.RedLine.Intersection(feature.Geometry));
            if (part is { IsEmpty: false }) parts.Add(part);
        }
        return parts.Count == 0 ? null : model.RedLine.Factory.BuildGeometry(parts);
    }

    private static Geometry? RebuildOutside(ComplianceReportModel model, string code)
    {
        var features = FeaturesOf(model, code).Select(f => f.Geometry).ToArray();
        if (features.Length == 0) return model.RedLine;
        return Safe(() => model.RedLine.Difference(model.RedLine.Factory.BuildGeometry(features).Union()));
    }

    private static IEnumerable<ReportMapFeature> FeaturesOf(ComplianceReportModel model, string code) =>
        model.MapLayers.Where(l => l.Code == code).SelectMany(l => l.Features).Where(f => f.Geometry is { IsEmpty: false });

    private static void AppendLayer(StringBuilder svg, StringBuilder outlines, int index, ReportMapLayer layer, MapFrame frame, Envelope clip,
        Geometry clipGeometry, double tolerance, MapLabeller labeller, HashSet<(string, long)> overlapped)
    {
        var style = layer.Style ?? LayerStyle.Default;
        var fill = LayerStyle.SafeColour(style.Fill, "none");
        var stroke = LayerStyle.SafeColour(style.Stroke, "#616161");
        var dash = style.Dash is { Count: > 0 } d ? $" stroke-dasharray=\"{string.Join(' ', style.Dash.Select(N))}\"" : "";
        var outlineAgain = fill == "none" || style.FillOpacity < 0.15;
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"layer\" data-layer=\"{Html.Escape(layer.Code)}\" fill=\"{fill}\" fill-opacity=\"{Opacity(style.FillOpacity)}\" fill-rule=\"evenodd\" stroke=\"{stroke}\" stroke-width=\"{N(style.StrokeWidth)}\" stroke-linejoin=\"round\"{dash}>");
        svg.Append("<title>").Append(Html.Escape(layer.NameZh)).Append("</title>\n");
        var drawnAny = false;
        for (var f = 0; f < layer.Features.Count; f++)
        {
            var feature = layer.Features[f];
            var drawn = Prepare(feature.Geometry, clip, clipGeometry, tolerance);
            if (drawn is null) continue;
            var path = SvgPathWriter.PathData(drawn, frame);
            if (path.Length == 0) continue;
            var id = string.Create(CultureInfo.InvariantCulture, $"obmap-f{index}-{f}");
            svg.Append(CultureInfo.InvariantCulture, $"<path id=\"{id}\" data-id=\"{feature.Id}\" d=\"{path}\"/>\n");
            if (outlineAgain)
            {
                if (!drawnAny)
                    outlines.Append(CultureInfo.InvariantCulture,
                        $"<g class=\"outline\" data-layer=\"{Html.Escape(layer.Code)}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(style.StrokeWidth)}\" stroke-linejoin=\"round\"{dash}>\n");
                outlines.Append($"<use href=\"#{id}\"/>\n");
            }
            drawnAny = true;
            labeller.Offer(feature.Label, drawn, overlapped.Contains((layer.Code, feature.Id)));
        }
        svg.Append("</g>\n");
        if (outlineAgain && drawnAny) outlines.Append("</g>\n");
    }

    private static void AppendRedLine(StringBuilder svg, Geometry redLine, MapFrame frame, Envelope clip, Geometry clipGeometry, double tolerance)
    {
        if (redLine is null || redLine.IsEmpty) return;
        var drawn = Prepare(redLine, clip, clipGeometry, tolerance);
        if (drawn is null) return;
        var d = SvgPathWriter.PathData(drawn, frame);
        // A white casing under the red keeps the line readable over dark fills and hatching.
        svg.Append($"<path class=\"red-line-casing\" d=\"{d}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"8\" stroke-opacity=\"0.9\" stroke-linejoin=\"round\"/>\n");
        svg.Append($"<path class=\"red-line\" d=\"{d}\" fill=\"{RedLineColour}\" fill-opacity=\"0.06\" fill-rule=\"evenodd\" stroke=\"{RedLineColour}\" stroke-width=\"4\" stroke-linejoin=\"round\"/>\n");
    }

    /// <summary>Simplified to the pixel size and clipped to the frame; null when nothing of it is in the frame.</summary>
    private static Geometry? Prepare(Geometry? geometry, Envelope clip, Geometry clipGeometry, double tolerance)
    {
        if (geometry is null || geometry.IsEmpty || !geometry.EnvelopeInternal.Intersects(clip)) return null;
        var simplified = geometry.NumPoints > 8 ? Safe(() => TopologyPreservingSimplifier.Simplify(geometry, tolerance)) ?? geometry : geometry;
        if (simplified.IsEmpty) simplified = geometry;
        if (clip.Contains(simplified.EnvelopeInternal)) return simplified;
        var clipped = Safe(() => simplified.Intersection(clipGeometry));
        return clipped is null ? simplified : clipped.IsEmpty ? null : clipped;
    }

    private static Geometry? Safe(Func<Geometry> make)
    {
        try
        {
            return make();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // invalid real data: the caller draws the geometry as it is
        }
    }

    private static string Defs(MapFrame frame) => string.Create(CultureInfo.InvariantCulture, $"""
        <defs>
        <clipPath id="obmap-clip"><rect x="{N(frame.Left)}" y="{N(frame.Top)}" width="{N(frame.Width)}" height="{N(frame.Height)}"/></clipPath>
        <pattern id="obmap-hatch-conflict" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(45)"><rect width="9" height="9" fill="{ConflictColour}" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="9" stroke="{ConflictColour}" stroke-width="3"/></pattern>
        <pattern id="obmap-hatch-warning" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(-45)"><rect width="9" height="9" fill="{WarningColour}" fill-opacity="0.15"/><line x1="0" y1="0" x2="0" y2="9" stroke="{WarningColour}" stroke-width="3"/></pattern>
        </defs>

        """);

    /// <summary>CGCS2000 longitude/latitude (EPSG:4490) of the frame's corners, outside the frame.</summary>
    private static string CornerLabels(MapFrame frame, int srid)
    {
        var sb = new StringBuilder("<g class=\"corners\" font-size=\"13\" fill=\"#424242\">\n");
        var world = frame.World;
        var right = frame.Left + frame.Width;
        var bottom = frame.Top + frame.Height;
        void Corner(double x, double y, double sx, double sy, string anchor) =>
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(sx)}\" y=\"{N(sy)}\" text-anchor=\"{anchor}\">{Html.Escape(CornerText(x, y, srid))}</text>\n");
        Corner(world.MinX, world.MaxY, frame.Left, frame.Top - 8, "start");
        Corner(world.MaxX, world.MaxY, right, frame.Top - 8, "end");
        Corner(world.MinX, world.MinY, frame.Left, bottom + 18, "start");
        Corner(world.MaxX, world.MinY, right, bottom + 18, "end");
        return sb.Append("</g>\n").ToString();
    }

    private static string CornerText(double x, double y, int srid)
    {
        try
        {
            var (lon, lat) = Reprojector.Transform(x, y, srid, CrsCatalog.Cgcs2000);
            return $"{Dms(lon, 'E', 'W')}  {Dms(lat, 'N', 'S')}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"X {x:0.0}  Y {y:0.0} (EPSG:{srid})");
        }
    }

    /// <summary>Degrees, minutes and seconds to 0.01″ (≈ 0.3 m), the way Chinese map frames label corners.</summary>
    internal static string Dms(double degrees, char positive, char negative)
    {
        var hemisphere = degrees < 0 ? negative : positive;
        var total = Math.Round(Math.Abs(degrees) * 360_000, MidpointRounding.AwayFromZero); // hundredths of a second
        var d = Math.Floor(total / 360_000);
        var m = Math.Floor((total - d * 360_000) / 6_000);
        var s = (total - d * 360_000 - m * 6_000) / 100;
        return string.Create(CultureInfo.InvariantCulture, $"{d:0}°{m:00}′{s:00.00}″{hemisphere}");
    }

    private static string NorthArrow(MapFrame frame)
    {
        var cx = frame.Left + frame.Width - 36;
        var cy = frame.Top + 48;
        return string.Create(CultureInfo.InvariantCulture, $"""
            <g class="north-arrow">
            <circle cx="{N(cx)}" cy="{N(cy)}" r="27" fill="#ffffff" fill-opacity="0.85" stroke="#9e9e9e" stroke-width="1"/>
            <path d="M{N(cx)},{N(cy - 20)}L{N(cx + 9)},{N(cy + 14)}L{N(cx)},{N(cy + 7)}Z" fill="#ffffff" stroke="#212121" stroke-width="1.2"/>
            <path d="M{N(cx)},{N(cy - 20)}L{N(cx - 9)},{N(cy + 14)}L{N(cx)},{N(cy + 7)}Z" fill="#212121" stroke="#212121" stroke-width="1.2"/>
            <text x="{N(cx)}" y="{N(cy - 30)}" text-anchor="middle" font-size="16" font-weight="bold" fill="#212121" stroke="#ffffff" stroke-width="3" paint-order="stroke">N</text>
            </g>

            """);
    }

    /// <summary>A bar of a round length (1, 2 or 5 × 10ⁿ m) near a fifth of the frame width, in four segments.</summary>
    private static string ScaleBar(MapFrame frame)
    {
        var metres = NiceLength(frame.World.Width / 5);
        var length = metres * frame.Scale;
        var x = frame.Left + 16;
        var y = frame.Top + frame.Height - 22;
        var sb = new StringBuilder("<g class=\"scale-bar\" font-size=\"13\" fill=\"#212121\">\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(x - 10)}\" y=\"{N(y - 26)}\" width=\"{N(length + 62)}\" height=\"40\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bdbdbd\" stroke-width=\"0.8\"/>\n");
        for (var i = 0; i < 4; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{N(x + i * length / 4)}\" y=\"{N(y)}\" width=\"{N(length / 4)}\" height=\"6\" fill=\"{(i % 2 == 0 ? "#212121" : "#ffffff")}\" stroke=\"#212121\" stroke-width=\"1\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y - 6)}\" text-anchor=\"middle\">0</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + length / 2)}\" y=\"{N(y - 6)}\" text-anchor=\"middle\">{Distance(metres / 2, metres)}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + length)}\" y=\"{N(y - 6)}\" text-anchor=\"start\" dx=\"-4\">{Distance(metres, metres)} m</text>\n");
        return sb.Append("</g>\n").ToString();
    }

    internal static double NiceLength(double target)
    {
        if (!(target > 0)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        foreach (var step in new[] { 5.0, 2.0, 1.0 })
            if (step * power <= target) return step * power;
        return power;
    }

    private static string Distance(double value, double full) =>
        value.ToString(full >= 10 ? "#,0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>The red line, the layers with something in the frame, and the highlight kinds present.</summary>
    private static List<(string Text, string Swatch)> LegendEntries(ComplianceReportModel model,
        List<(Geometry Geometry, Verdict Verdict, string Code)> highlights, Envelope clip)
    {
        var entries = new List<(string, string)>
        {
            ("项目用地红线", $"<rect x=\"0\" y=\"0\" width=\"26\" height=\"14\" fill=\"{RedLineColour}\" fill-opacity=\"0.06\" stroke=\"{RedLineColour}\" stroke-width=\"3\"/>"),
        };
        foreach (var layer in model.MapLayers.Where(l => l.Features.Any(f => f.Geometry is { IsEmpty: false } g && g.EnvelopeInternal.Intersects(clip))))
        {
            var style = layer.Style ?? LayerStyle.Default;
            var dash = style.Dash is { Count: > 0 } d ? $" stroke-dasharray=\"{string.Join(' ', d.Select(N))}\"" : "";
            entries.Add((layer.NameZh, string.Create(CultureInfo.InvariantCulture,
                $"<rect x=\"0\" y=\"0\" width=\"26\" height=\"14\" fill=\"{LayerStyle.SafeColour(style.Fill, "none")}\" fill-opacity=\"{Opacity(style.FillOpacity)}\" stroke=\"{LayerStyle.SafeColour(style.Stroke, "#616161")}\" stroke-width=\"{N(Math.Min(style.StrokeWidth, 3))}\"{dash}/>")));
        }
        if (highlights.Any(h => h.Verdict == Verdict.Conflict))
            entries.Add(("冲突部分", $"<rect x=\"0\" y=\"0\" width=\"26\" height=\"14\" fill=\"url(#obmap-hatch-conflict)\" stroke=\"{ConflictColour}\" stroke-width=\"1.5\"/>"));
        if (highlights.Any(h => h.Verdict == Verdict.Warning))
            entries.Add(("需审批部分", $"<rect x=\"0\" y=\"0\" width=\"26\" height=\"14\" fill=\"url(#obmap-hatch-warning)\" stroke=\"{WarningColour}\" stroke-width=\"1.5\"/>"));
        return entries;
    }

    /// <summary>Legend entries in rows that wrap at the width, then a line naming the coordinate systems.</summary>
    private static (string Svg, double Height) Legend(List<(string Text, string Swatch)> entries, double left, double top, double width, int srid)
    {
        var sb = new StringBuilder($"<g class=\"legend\" font-size=\"{N(LegendFont)}\" fill=\"#212121\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left)}\" y=\"{N(top + 12)}\" font-weight=\"bold\">图例</text>\n");
        var x = left + 46;
        var y = top;
        foreach (var (text, swatch) in entries)
        {
            var itemWidth = 26 + 8 + MapLabeller.TextWidth(text, LegendFont) + 20;
            if (x + itemWidth > left + width && x > left + 46)
            {
                x = left + 46;
                y += LegendRow;
            }
            sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({N(x)},{N(y)})\">{swatch}<text x=\"34\" y=\"12.5\">{Html.Escape(text)}</text></g>\n");
            x += itemWidth;
        }
        y += LegendRow;
        var crs = CrsCatalog.DescribeGaussKruger(srid) is { } gk
            ? $"平面坐标：{DatumName(gk.Datum)} 3° 高斯-克吕格投影 第 {gk.Zone} 带（中央经线 {CrsCatalog.CentralMeridian(gk.Zone)}°E，EPSG:{srid}）"
            : $"平面坐标：EPSG:{srid}";
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(left)}\" y=\"{N(y + 10)}\" font-size=\"13\" fill=\"#616161\">{Html.Escape(crs)}；图廓角点经纬度：CGCS2000 (EPSG:4490)；指北针为坐标北。</text>\n");
        sb.Append("</g>\n");
        return (sb.ToString(), y + 16 - top);
    }

    private static string DatumName(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Cgcs2000 => "CGCS2000",
        GeodeticDatum.Xian1980 => "西安 1980",
        _ => "北京 1954",
    };

    private static string N(double v) => SvgPathWriter.Num(Math.Round(v, 1, MidpointRounding.AwayFromZero));

    private static string Opacity(double v) => Math.Clamp(v, 0, 1).ToString("0.###", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
