using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Features;
using OneBlueprint.Server.Tests.Compliance;
using OneBlueprint.Server.Tests.Page.Support;
using OneBlueprint.Server.Tests.Support;
using Xunit.Abstractions;

namespace OneBlueprint.Server.Tests.Page;

/// <summary>
/// The standard page in a real browser (Debian's headless Chromium) over the demo city: the project's red line and the
/// farmland are drawn where the data says (pixels of a screenshot), a click identifies a farmland patch, and an uploaded
/// 界址点 TXT gets the same verdicts as the API gives for it. Screenshots are kept under TestResults/page/.
/// </summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class BlueprintPageBrowserTests(DemoCityServer server, ITestOutputHelper output)
{
    private const string Farmland = "YJJBNTBHTB";

    [Fact]
    public async Task Page_DrawsRedLineAndFarmland_IdentifiesAPatch_AndChecksAnUploadedTxt()
    {
        await WebBuild.EnsureBuiltAsync();
        var project = server.City.Projects.First(p => p.Scenario == ProjectScenario.OverlapsFarmland);
        await using var browser = await CdpBrowser.LaunchAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, $"/blueprint?projectCode={Uri.EscapeDataString(project.Code)}"));
        await browser.WaitForAsync("document.body && document.body.dataset.mapReady === '1' || document.body?.dataset.mapError", TimeSpan.FromSeconds(90), "the map to render");
        Assert.Null((await browser.EvaluateAsync("document.body.dataset.mapError || null")));
        output.WriteLine($"first map: {await browser.EvaluateAsync("JSON.stringify(ob.timings)")}");

        // 1. The red line: pure red pixels inside the red line's box on screen, hardly any elsewhere.
        var redLine3857 = project.RedLine.ReprojectTo(3857);
        var box = Envelope(redLine3857.Features.Select(f => f.Geometry));
        var (x0, y0) = await PixelAsync(browser, box.MinX, box.MaxY);
        var (x1, y1) = await PixelAsync(browser, box.MaxX, box.MinY);
        var withRed = await ShotAsync(browser, "1-project.png");
        var inside = CountRed(withRed, (int)x0 - 6, (int)y0 - 6, (int)x1 + 6, (int)y1 + 6);
        var map = (await browser.EvaluateAsync("(() => { const r = document.getElementById('ob-map').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()"))!.AsArray().Select(v => (int)v!.GetValue<double>()).ToArray();
        var total = CountRed(withRed, map[0], map[1], map[2] - 1, map[3] - 1); // the map only: the legend's swatches are red too
        output.WriteLine($"red-line pixels: {inside} inside its box [{x0:0},{y0:0}]-[{x1:0},{y1:0}], {total - inside} elsewhere on the map");
        Assert.True(x1 - x0 > 50 && y1 - y0 > 50, $"the red line should be zoomed to, not {x1 - x0:0}×{y1 - y0:0} px");
        Assert.True(inside > 2 * (x1 - x0 + y1 - y0) * 0.5, $"too few red-line pixels around the project: {inside}");
        Assert.True(total - inside < inside / 20 + 10, $"red-line colour where there is no red line: {total - inside} px");

        // 2. The farmland: at a point inside a patch (and under no layer drawn above it), the pixel is the pixel without
        //    the farmland layer blended with the catalogue's fill colour at its opacity.
        var style = (await server.Anonymous.GetFromJsonAsync<JsonArray>("/api/v1/layers"))!.OfType<JsonObject>().Single(l => l["code"]!.GetValue<string>() == Farmland)["style"]!;
        var fill = Hex(style["fill"]!.GetValue<string>());
        var alpha = style["fillOpacity"]!.GetValue<double>();
        var (patch, point) = FarmlandPointNear(project);
        var (px, py) = await PixelAsync(browser, point.X, point.Y);
        Assert.InRange(px, 260, CdpBrowser.Width - 340);
        Assert.InRange(py, 50, CdpBrowser.Height - 30);
        await browser.EvaluateAsync($"(() => {{ ob.layers.{Farmland}.setVisible(false); return new Promise(r => {{ ob.map.once('rendercomplete', () => r(true)); ob.map.render(); }}); }})()");
        var without = await ShotAsync(browser, "2-without-farmland.png");
        await browser.EvaluateAsync($"(() => {{ ob.layers.{Farmland}.setVisible(true); return new Promise(r => {{ ob.map.once('rendercomplete', () => r(true)); ob.map.render(); }}); }})()");
        var with = Mean(withRed, (int)px, (int)py);
        var under = Mean(without, (int)px, (int)py);
        var expected = (R: under.R * (1 - alpha) + fill.R * alpha, G: under.G * (1 - alpha) + fill.G * alpha, B: under.B * (1 - alpha) + fill.B * alpha);
        output.WriteLine($"farmland {patch.Attributes["DKBH"]} at [{px:0},{py:0}]: with {with}, without {under}, expected {expected}");
        Assert.True(Math.Abs(with.R - under.R) + Math.Abs(with.G - under.G) + Math.Abs(with.B - under.B) > 20, "the farmland layer changes nothing on screen at a farmland patch");
        Assert.InRange(with.R, expected.R - 8, expected.R + 8);
        Assert.InRange(with.G, expected.G - 8, expected.G + 8);
        Assert.InRange(with.B, expected.B - 8, expected.B + 8);

        // 3. Click the patch: the identify panel shows its attributes.
        await browser.ClickAsync(px, py); // PixelAsync gives page coordinates
        const string cell = $"document.querySelector('#ob-identify section[data-layer=\"{Farmland}\"] td[data-attr=\"DKBH\"]')";
        await browser.WaitForAsync(cell, TimeSpan.FromSeconds(20), "the identify panel");
        Assert.Equal(patch.Attributes["DKBH"]?.ToString(), (await browser.EvaluateAsync(cell + ".textContent"))!.GetValue<string>());

        // 4. Upload the project's red line as 界址点 TXT: the panel shows the verdicts the API gives for the same file.
        var txt = Path.Combine(Path.GetTempPath(), $"ob-page-{Guid.NewGuid():N}.txt");
        try
        {
            using (var file = File.Create(txt)) new RedLineTxtFormat().Write(project.RedLine, file);
            await browser.SetFileInputAsync("#ob-upload", txt);
            await browser.WaitForAsync("document.querySelector('#ob-result')?.dataset.state === 'done' || document.querySelector('#ob-result')?.dataset.state === 'error'", TimeSpan.FromSeconds(60), "the compliance result");
            await RenderedAsync(browser);
            await ShotAsync(browser, "3-uploaded-check.png");
            Assert.True((await browser.EvaluateAsync("ob.compliance.layers.partsLayer.getSource().getFeatures().length"))!.GetValue<int>() > 0, "the conflict parts are not on the map");
            Assert.Equal("done", (await browser.EvaluateAsync("document.querySelector('#ob-result').dataset.state"))!.GetValue<string>());
            var rows = (await browser.EvaluateAsync("Array.from(document.querySelectorAll('#ob-result tr[data-layer]')).map(r => ({ code: r.dataset.layer, verdict: r.dataset.verdict, area: Number(r.querySelector('[data-area]').dataset.area) }))"))!.AsArray();
            var (status, api) = await CheckRequests.PostAsync(server.Anonymous, "?dryRun=true&includeParts=false", CheckRequests.Content(await File.ReadAllBytesAsync(txt), "text/plain"));
            Assert.Equal(200, status);
            var apiLayers = api["layers"]!.AsArray().OfType<JsonObject>().ToList();
            Assert.Equal(apiLayers.Count, rows.Count);
            foreach (var layer in apiLayers)
            {
                var row = rows.OfType<JsonObject>().Single(r => r["code"]!.GetValue<string>() == layer["code"]!.GetValue<string>());
                Assert.Equal(layer["verdict"]!.GetValue<string>(), row["verdict"]!.GetValue<string>());
                var area = layer["measure"]!.GetValue<string>() == "outside" ? layer["outsideAreaM2"]! : layer["overlapAreaM2"]!;
                Assert.Equal(area.GetValue<double>(), row["area"]!.GetValue<double>(), 3);
            }
            Assert.NotEqual("pass", rows.OfType<JsonObject>().Single(r => r["code"]!.GetValue<string>() == Farmland)["verdict"]!.GetValue<string>());
            var overall = (await browser.EvaluateAsync("document.querySelector('#ob-result').dataset.verdict"))!.GetValue<string>();
            Assert.Equal(api["verdict"]!.GetValue<string>(), overall);
            var report = (await browser.EvaluateAsync("document.querySelector('#ob-result a[data-report]')?.getAttribute('href') ?? null"))?.GetValue<string>();
            Assert.NotNull(report);
            var page = await server.Anonymous.GetAsync(report);
            Assert.True(page.IsSuccessStatusCode, $"report link {report}: {(int)page.StatusCode}");
        }
        finally
        {
            File.Delete(txt);
        }

        // 5. 区域评估: the published assessment areas are on the map and in the tree, as many as the public API lists.
        var published = (await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/assessment/areas"))!["features"]!.AsArray().Count;
        Assert.True(published > 0, "the demo city should have published assessment areas");
        Assert.Equal(published, (await browser.EvaluateAsync("ob.layers.QYPG?.getSource().getFeatures().length ?? 0"))!.GetValue<int>());
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('#ob-tree details[data-group=\"区域评估\"] input[type=checkbox]').length"))!.GetValue<int>());
        Assert.DoesNotContain(browser.ConsoleMessages, m => m.StartsWith("exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrawingARedLine_UpdatesTheOverlapAreasLive_AndFinishingStoresTheCheck()
    {
        await WebBuild.EnsureBuiltAsync();
        var project = server.City.Projects.First(p => p.Scenario == ProjectScenario.OverlapsFarmland);
        await using var browser = await CdpBrowser.LaunchAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, $"/blueprint?projectCode={Uri.EscapeDataString(project.Code)}"));
        await browser.WaitForAsync("document.body && document.body.dataset.mapReady === '1'", TimeSpan.FromSeconds(90), "the map to render");
        var box = Envelope(project.RedLine.ReprojectTo(3857).Features.Select(f => f.Geometry));
        var (x0, y0) = await PixelAsync(browser, box.MinX, box.MaxY);
        var (x1, y1) = await PixelAsync(browser, box.MaxX, box.MinY);
        double X(double f) => x0 + (x1 - x0) * f;
        double Y(double f) => y0 + (y1 - y0) * f;

        await browser.EvaluateAsync("document.querySelector('[data-tool=draw]').click()");
        await browser.ClickAsync(X(0.3), Y(0.3));
        await Task.Delay(300);
        await browser.ClickAsync(X(0.7), Y(0.3));
        await Task.Delay(300);
        await browser.MoveAsync(X(0.68), Y(0.45)); // Chromium drops the first move after a click; two moves reach OpenLayers
        await Task.Delay(100);
        await browser.MoveAsync(X(0.7), Y(0.5));
        const string farmlandArea = $"Number(document.querySelector('#ob-result tr[data-layer=\"{Farmland}\"] [data-area]')?.dataset.area ?? NaN)";
        try
        {
            await browser.WaitForAsync($"document.querySelector('#ob-result h2 small')?.textContent.includes('实时') && {farmlandArea} > 0", TimeSpan.FromSeconds(30), "a live (dry-run) check while drawing");
        }
        catch (TimeoutException)
        {
            await ShotAsync(browser, "4-draw-failed.png");
            output.WriteLine("result panel: " + await browser.EvaluateAsync("document.getElementById('ob-panel').innerText"));
            throw;
        }
        var first = (await browser.EvaluateAsync(farmlandArea))!.GetValue<double>();
        Assert.Null(await browser.EvaluateAsync("document.querySelector('#ob-result a[data-report]')?.href ?? null")); // nothing stored yet

        await browser.MoveAsync(X(0.7), Y(0.8));
        await Task.Delay(100);
        await browser.MoveAsync(X(0.7), Y(0.9)); // a bigger sketch: the farmland overlap follows the pointer
        await browser.WaitForAsync($"{farmlandArea} > {first.ToString(CultureInfo.InvariantCulture)} + 1", TimeSpan.FromSeconds(30), "the live overlap area to grow");
        output.WriteLine($"live farmland overlap: {first:0.0} m² then {(await browser.EvaluateAsync(farmlandArea))!.GetValue<double>():0.0} m²");

        // The pointer's coordinates: the GK easting/northing shown agree with PROJ's cs2cs for the lon/lat shown.
        var coords = (await browser.EvaluateAsync("document.getElementById('ob-coords').textContent"))!.GetValue<string>();
        var numbers = System.Text.RegularExpressions.Regex.Matches(coords, @"\d+\.\d+").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(numbers.Length == 4 && numbers[0] is > 73 and < 136, $"coordinates shown: {coords}");
        var (e, n) = Proj.Cs2cs(4490, 4547, numbers[0], numbers[1]);
        output.WriteLine($"coordinates shown: {coords}; cs2cs: {e:0.00} {n:0.00}");
        Assert.Equal(e, numbers[2], 0.25); // lon/lat are shown to 1e-6° (≈0.1 m)
        Assert.Equal(n, numbers[3], 0.25);

        await browser.ClickAsync(X(0.7), Y(0.9));
        await Task.Delay(300);
        await browser.ClickAsync(X(0.3), Y(0.3)); // on the first vertex: finishes the polygon
        await browser.WaitForAsync("document.querySelector('#ob-result a[data-report]')", TimeSpan.FromSeconds(30), "the stored check after finishing");
        await RenderedAsync(browser);
        await ShotAsync(browser, "4-drawn-check.png");

        var drawn = (await browser.EvaluateAsync("JSON.stringify(new (ob.geojsonLonLat)().writeGeometryObject(ob.compliance.layers.drawnLayer.getSource().getFeatures()[0].getGeometry(), { featureProjection: 'EPSG:3857', dataProjection: 'EPSG:4326' }))"))!.GetValue<string>();
        var (status, api) = await CheckRequests.PostAsync(server.Anonymous, "?dryRun=true&includeParts=false", CheckRequests.Content(System.Text.Encoding.UTF8.GetBytes(drawn)));
        Assert.True(status == 200, api.ToJsonString());
        var shown = (await browser.EvaluateAsync(farmlandArea))!.GetValue<double>();
        Assert.Equal(CheckRequests.Layer(api, Farmland)["overlapAreaM2"]!.GetValue<double>(), shown, 3);
        Assert.True(shown > first);

        // Drag the last vertex up (the triangle shrinks): live dry-run checks while dragging, a stored check (new report) on release.
        var storedReport = (await browser.EvaluateAsync("document.querySelector('#ob-result a[data-report]').getAttribute('href')"))!.GetValue<string>();
        await browser.MoveAsync(X(0.69), Y(0.89));
        await Task.Delay(100);
        await browser.MoveAsync(X(0.7), Y(0.9));
        await Task.Delay(100);
        await browser.MouseAsync("mousePressed", X(0.7), Y(0.9));
        foreach (var f in new[] { 0.85, 0.8, 0.75, 0.7, 0.65, 0.6 })
        {
            await browser.MouseAsync("mouseMoved", X(0.7), Y(f));
            await Task.Delay(60);
        }
        await browser.WaitForAsync($"document.querySelector('#ob-result h2 small')?.textContent.includes('实时') && {farmlandArea} < {shown.ToString(CultureInfo.InvariantCulture)} - 1", TimeSpan.FromSeconds(30), "live checks while dragging a vertex");
        await browser.MouseAsync("mouseReleased", X(0.7), Y(0.6));
        await browser.WaitForAsync($"(document.querySelector('#ob-result a[data-report]')?.getAttribute('href') ?? '{storedReport}') !== '{storedReport}'", TimeSpan.FromSeconds(30), "a new stored check after the drag");
        output.WriteLine($"after dragging a vertex: farmland overlap {(await browser.EvaluateAsync(farmlandArea))!.GetValue<double>():0.0} m²");
    }

    [Fact]
    public async Task MeasuringADistance_ShowsTheGreatCircleLength()
    {
        await WebBuild.EnsureBuiltAsync();
        await using var browser = await CdpBrowser.LaunchAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/blueprint"));
        await browser.WaitForAsync("document.body && document.body.dataset.mapReady === '1'", TimeSpan.FromSeconds(90), "the map to render");
        await browser.EvaluateAsync("document.querySelector('[data-tool=line]').click()");
        await browser.ClickAsync(500, 400);
        await Task.Delay(300);
        await browser.MoveAsync(700, 520);
        await Task.Delay(100);
        await browser.MoveAsync(800, 600);
        await Task.Delay(100);
        await browser.ClickAsync(800, 600);
        await Task.Delay(300);
        await browser.SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mousePressed", ["x"] = 800, ["y"] = 600, ["button"] = "left", ["clickCount"] = 2 });
        await browser.SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseReleased", ["x"] = 800, ["y"] = 600, ["button"] = "left", ["clickCount"] = 2 });
        await browser.WaitForAsync("document.querySelector('.ob-measure-tip.ob-measure-done')", TimeSpan.FromSeconds(20), "the finished measurement");
        var text = (await browser.EvaluateAsync("document.querySelector('.ob-measure-tip.ob-measure-done').textContent"))!.GetValue<string>();
        var ends = (await browser.EvaluateAsync("(() => { const r = document.getElementById('ob-map').getBoundingClientRect(); return [[500, 400], [800, 600]].map(([x, y]) => ol_toLonLat(ob.map.getCoordinateFromPixel([x - r.left, y - r.top]))).flat(); })()".Replace("ol_toLonLat", "ob.toLonLat")))!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        // Haversine on the sphere of mean radius 6371008.8 m (what ol/sphere uses), computed here.
        double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(ends[3] - ends[1]) / 2), 2) + Math.Cos(Rad(ends[1])) * Math.Cos(Rad(ends[3])) * Math.Pow(Math.Sin(Rad(ends[2] - ends[0]) / 2), 2);
        var metres = 2 * 6371008.8 * Math.Asin(Math.Sqrt(h));
        var match = System.Text.RegularExpressions.Regex.Match(text, @"([\d.]+) (km|m)");
        Assert.True(match.Success, text);
        var shown = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * (match.Groups[2].Value == "km" ? 1000 : 1);
        output.WriteLine($"measured: {text}; haversine {metres:0.0} m");
        Assert.Equal(metres, shown, metres * 0.001 + 1); // shown to 1 m (km with 3 decimals)
    }

    /// <summary>Waits until OpenLayers has drawn the current state (it draws on the next animation frame).</summary>
    private static Task RenderedAsync(CdpBrowser browser) =>
        browser.EvaluateAsync("new Promise(r => { ob.map.once('rendercomplete', () => r(true)); ob.map.render(); })");

    private async Task<RgbaPng> ShotAsync(CdpBrowser browser, string name)
    {
        var png = await browser.ScreenshotAsync();
        var path = Path.Combine(WebBuild.ArtefactDirectory, name);
        await File.WriteAllBytesAsync(path, png);
        output.WriteLine($"screenshot: {path}");
        var image = RgbaPng.Decode(png);
        Assert.Equal(CdpBrowser.Width, image.Width);
        return image;
    }

    /// <summary>A point of EPSG:3857 as a pixel of the map (relative to the map element), from OpenLayers itself.</summary>
    private static async Task<(double X, double Y)> PixelAsync(CdpBrowser browser, double x, double y)
    {
        var pixel = (await browser.EvaluateAsync(string.Create(CultureInfo.InvariantCulture,
            $"(() => {{ const r = document.getElementById('ob-map').getBoundingClientRect(); const p = ob.map.getPixelFromCoordinate([{x}, {y}]); return [p[0] + r.left, p[1] + r.top]; }})()")))!.AsArray();
        return (pixel[0]!.GetValue<double>(), pixel[1]!.GetValue<double>());
    }

    /// <summary>A farmland patch that the project overlaps, and a point well inside it that lies outside the red line and under no layer drawn above the farmland (EPSG:3857).</summary>
    private (GeoFeature Patch, Point Point) FarmlandPointNear(DemoProject project)
    {
        var red = project.RedLine.Features.Select(f => f.Geometry).Aggregate((a, b) => a.Union(b));
        var above = new[] { "CZKFBJ", "LX", "LVX", "ZX", "HX" }.SelectMany(c => server.City.Layers[c].Features).Select(f => f.Geometry).ToList();
        var near = red.Buffer(300);
        foreach (var patch in server.City.Layers[Farmland].Features.Where(f => f.Geometry.Intersects(near)).OrderByDescending(f => f.Geometry.Intersection(near).Area))
        {
            var candidate = patch.Geometry.Buffer(-10).Difference(red.Buffer(15)).Intersection(red.Buffer(250));
            foreach (var g in above.Where(g => g.Intersects(candidate))) candidate = candidate.Difference(g.Buffer(10));
            if (candidate.IsEmpty || candidate.Area < 400) continue;
            var point = candidate.InteriorPoint;
            var set = new FeatureSet { Srid = DemoCity.DemoCity.Srid };
            set.Features.Add(new GeoFeature(point));
            return (patch, (Point)set.ReprojectTo(3857).Features[0].Geometry);
        }
        throw new InvalidOperationException($"no farmland patch clear of other layers near {project.Code}");
    }

    private static Envelope Envelope(IEnumerable<Geometry> geometries)
    {
        var e = new Envelope();
        foreach (var g in geometries) e.ExpandToInclude(g.EnvelopeInternal);
        return e;
    }

    private static int CountRed(RgbaPng image, int x0, int y0, int x1, int y1)
    {
        var n = 0;
        for (var y = Math.Max(0, y0); y <= Math.Min(image.Height - 1, y1); y++)
        for (var x = Math.Max(0, x0); x <= Math.Min(image.Width - 1, x1); x++)
        {
            var (r, g, b, _) = image[x, y];
            if (r >= 235 && g <= 35 && b <= 35) n++;
        }
        return n;
    }

    private static (double R, double G, double B) Mean(RgbaPng image, int cx, int cy)
    {
        double r = 0, g = 0, b = 0;
        for (var y = cy - 1; y <= cy + 1; y++)
        for (var x = cx - 1; x <= cx + 1; x++)
        {
            var p = image[x, y];
            r += p.R; g += p.G; b += p.B;
        }
        return (Math.Round(r / 9, 1), Math.Round(g / 9, 1), Math.Round(b / 9, 1));
    }

    private static (byte R, byte G, byte B) Hex(string hex) =>
        (Convert.ToByte(hex.Substring(1, 2), 16), Convert.ToByte(hex.Substring(3, 2), 16), Convert.ToByte(hex.Substring(5, 2), 16));
}
