using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Ogc;

public sealed class OgcFeaturesTests(OgcFixture data) : IClassFixture<OgcFixture>
{
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";
    private HttpClient Anonymous => data.Server.Anonymous;

    private static List<string> Rels(JsonNode doc) => doc["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();

    private static string? Href(JsonNode doc, string rel, string type = "application/geo+json") =>
        doc["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == rel && l["type"]!.GetValue<string>() == type)?["href"]!.GetValue<string>();

    private static List<long> FeatureIds(JsonNode doc) => doc["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToList();

    [Fact]
    public async Task Landing_LinksToSelfServiceDescConformanceAndData()
    {
        var landing = await data.JsonAsync("/ogc");
        var rels = Rels(landing);
        foreach (var rel in new[] { "self", "service-desc", "conformance", "data" }) Assert.Contains(rel, rels);
        var doc = await Anonymous.GetAsync(new Uri(Href(landing, "service-desc", "application/vnd.oai.openapi+json;version=3.0")!));
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        Assert.Contains("/ogc/collections/{collectionId}/items", await doc.Content.ReadAsStringAsync());

        var conformance = await data.JsonAsync(Href(landing, "conformance", "application/json")!);
        var classes = conformance["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        foreach (var c in new[] { "core", "geojson", "html", "oas30" }) Assert.Contains($"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{c}", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs", classes);
    }

    [Fact]
    public async Task Collections_AreLayersWithAVersionAndRedLines_WithExtentAndCrs()
    {
        var doc = await data.JsonAsync("/ogc/collections");
        Assert.Contains("self", Rels(doc));
        var collections = doc["collections"]!.AsArray();
        var ids = collections.Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(OgcFixture.Layer, ids);
        Assert.Contains("redlines", ids);
        Assert.DoesNotContain("HX", ids); // in the catalogue, never imported here

        var farmland = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}");
        Assert.Equal("永久基本农田", farmland["title"]!.GetValue<string>());
        var srid = await data.ScalarAsync("SELECT value::int FROM ob.settings WHERE key = 'working_srid'");
        Assert.Equal(Epsg + srid, farmland["storageCrs"]!.GetValue<string>());
        var crs = farmland["crs"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", crs);
        foreach (var code in new[] { 4490, 4525, 4526, 4527, 4546, 4547, 4548, 3857 }) Assert.Contains(Epsg + code, crs);
        Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", farmland["extent"]!["spatial"]!["crs"]!.GetValue<string>());
        var bbox = farmland["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        // contains the features' exact lon/lat extent (PostGIS), and is no more than ~50 m larger: it is the
        // working-CRS box's corners in lon/lat, so meridian convergence widens it a little
        await using var cmd = data.Server.Database.Database.DataSource.CreateCommand(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(ST_Transform(geom, 4490))::geometry e FROM ob.layer_feature WHERE version_id = $1) s");
        cmd.Parameters.Add(new() { Value = await data.VersionIdAsync() });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        double[] exact = [r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)];
        Assert.InRange(exact[0] - bbox[0], 0, 0.0005);
        Assert.InRange(exact[1] - bbox[1], 0, 0.0005);
        Assert.InRange(bbox[2] - exact[2], 0, 0.0005);
        Assert.InRange(bbox[3] - exact[3], 0, 0.0005);
        Assert.NotNull(Href(farmland, "items"));
    }

    [Fact]
    public async Task Items_PageWithLimitOffset_NextPrevLinks_AndNumberMatchedAsPostGisCount()
    {
        var count = await data.ScalarAsync("SELECT count(*) FROM ob.layer_feature WHERE version_id = $1", await data.VersionIdAsync());
        Assert.Equal(25, count);

        var first = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items");
        Assert.Equal("FeatureCollection", first["type"]!.GetValue<string>());
        Assert.Equal(count, first["numberMatched"]!.GetValue<long>());
        Assert.Equal(10, first["numberReturned"]!.GetValue<int>()); // default limit
        Assert.True(DateTimeOffset.TryParse(first["timeStamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, out _));
        Assert.Null(Href(first, "prev"));

        var seen = new List<long>();
        var url = $"/ogc/collections/{OgcFixture.Layer}/items?limit=7";
        var pages = 0;
        while (url is not null)
        {
            var page = await data.JsonAsync(url);
            Assert.Equal(count, page["numberMatched"]!.GetValue<long>());
            Assert.Equal(page["features"]!.AsArray().Count, page["numberReturned"]!.GetValue<int>());
            if (pages > 0) Assert.NotNull(Href(page, "prev"));
            seen.AddRange(FeatureIds(page));
            url = Href(page, "next");
            pages++;
        }
        Assert.Equal(4, pages); // 7 + 7 + 7 + 4, and no next link on the last page
        var expected = await data.IdsAsync("SELECT id FROM ob.layer_feature WHERE version_id = $1 ORDER BY feature_no", await data.VersionIdAsync());
        Assert.Equal(expected, seen);

        var offset = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=5&offset=20");
        Assert.Equal(expected.Skip(20), FeatureIds(offset));
        Assert.Null(Href(offset, "next"));
    }

    [Fact]
    public async Task Items_Bbox_SameIdsAsPostGisIntersects_InEveryBboxCrs()
    {
        var version = await data.VersionIdAsync();
        // lon/lat box cutting through the grid; squares are ≥ 0.005° from its edges' ambiguity
        double w = 113.612, s = 34.713, e = 113.633, n = 34.728;
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var reference = await data.IdsAsync("""
            SELECT id FROM ob.layer_feature WHERE version_id = $1
              AND ST_Intersects(geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope($2, $3, $4, $5, 4490), 0.0001), ST_SRID(geom)))
            ORDER BY feature_no
            """, version, w, s, e, n);
        Assert.InRange(reference.Count, 2, 24);

        var crs84 = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=100&bbox={F(w)},{F(s)},{F(e)},{F(n)}");
        Assert.Equal(reference, FeatureIds(crs84));
        Assert.Equal(reference.Count, crs84["numberMatched"]!.GetValue<long>());

        // EPSG:4490 is latitude first (Part 2): the same box written lat,lon
        var latFirst = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=100&bbox-crs={Uri.EscapeDataString(Epsg + 4490)}&bbox={F(s)},{F(w)},{F(n)},{F(e)}");
        Assert.Equal(reference, FeatureIds(latFirst));

        // a box in the working GK system, northing first, against PostGIS with no transformation at all
        var (x0, y0) = Proj.Cs2cs(4490, 4547, w, s);
        var (x1, y1) = Proj.Cs2cs(4490, 4547, e, n);
        var gkReference = await data.IdsAsync(
            "SELECT id FROM ob.layer_feature WHERE version_id = $1 AND ST_Intersects(geom, ST_MakeEnvelope($2, $3, $4, $5, 4547)) ORDER BY feature_no",
            version, x0, y0, x1, y1);
        var gk = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=100&bbox-crs=EPSG:4547&bbox={F(y0)},{F(x0)},{F(y1)},{F(x1)}");
        Assert.Equal(gkReference, FeatureIds(gk));
    }

    [Fact]
    public async Task Crs_GaussKrugerIsNorthingFirstAndMatchesCs2cs_4490IsLatFirst_DefaultIsLonLat()
    {
        var square = data.Squares[12];
        var url = $"/ogc/collections/{OgcFixture.Layer}/items?NO={square.No}";
        var lonLat = await Anonymous.GetAsync(url);
        Assert.Equal("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", lonLat.Headers.GetValues("Content-Crs").Single());
        var lonLatDoc = JsonNode.Parse(await lonLat.Content.ReadAsStringAsync())!;
        var ring = lonLatDoc["features"]![0]!["geometry"]!["coordinates"]![0]!.AsArray();
        Assert.Contains(ring, p => Math.Abs(p![0]!.GetValue<double>() - square.West) < 1e-8 && Math.Abs(p[1]!.GetValue<double>() - square.South) < 1e-8);

        var gk = await Anonymous.GetAsync(url + "&crs=" + Uri.EscapeDataString(Epsg + 4547));
        Assert.Equal($"<{Epsg}4547>", gk.Headers.GetValues("Content-Crs").Single());
        var gkRing = JsonNode.Parse(await gk.Content.ReadAsStringAsync())!["features"]![0]!["geometry"]!["coordinates"]![0]!.AsArray();
        var (east, north) = Proj.Cs2cs(4490, 4547, square.West, square.South);
        Assert.Contains(gkRing, p => Math.Abs(p![0]!.GetValue<double>() - north) < 0.001 && Math.Abs(p[1]!.GetValue<double>() - east) < 0.001);

        var id = lonLatDoc["features"]![0]!["id"]!.GetValue<long>();
        var lat = await Anonymous.GetAsync($"/ogc/collections/{OgcFixture.Layer}/items/{id}?crs={Uri.EscapeDataString(Epsg + 4490)}");
        Assert.Equal($"<{Epsg}4490>", lat.Headers.GetValues("Content-Crs").Single());
        var latRing = JsonNode.Parse(await lat.Content.ReadAsStringAsync())!["geometry"]!["coordinates"]![0]!.AsArray();
        Assert.Contains(latRing, p => Math.Abs(p![0]!.GetValue<double>() - square.South) < 1e-8 && Math.Abs(p[1]!.GetValue<double>() - square.West) < 1e-8);
    }

    [Fact]
    public async Task PropertyFilters_MatchTheGridsAttributes_UnknownNamesAre400()
    {
        var dlbm = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=100&DLBM=0101");
        var expected = data.Squares.Where(q => q.Dlbm == "0101").Select(q => (long)q.No).ToList();
        Assert.Equal(expected, dlbm["features"]!.AsArray().Select(f => f!["properties"]!["NO"]!.GetValue<long>()).ToList());
        Assert.Equal(expected.Count, dlbm["numberMatched"]!.GetValue<long>());

        var both = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?limit=100&XZQDM=410184&DLBM=0102");
        var expectedBoth = data.Squares.Where(q => q.Xzqdm == 410184 && q.Dlbm == "0102").Select(q => (long)q.No).ToList();
        Assert.NotEmpty(expectedBoth);
        Assert.Equal(expectedBoth, both["features"]!.AsArray().Select(f => f!["properties"]!["NO"]!.GetValue<long>()).ToList());

        // a value with SQL in it is only a value
        var injection = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items?DLBM={Uri.EscapeDataString("0101' OR '1'='1")}");
        Assert.Equal(0, injection["numberMatched"]!.GetValue<long>());

        var unknown = await Anonymous.GetAsync($"/ogc/collections/{OgcFixture.Layer}/items?NOPE=1");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RedLines_AreACollection_FilteredByProject()
    {
        var doc = await data.JsonAsync($"/ogc/collections/redlines/items?projectCode={OgcFixture.Project}");
        Assert.Equal(2, doc["numberMatched"]!.GetValue<long>());
        var first = doc["features"]![0]!;
        Assert.Equal("OGC 测试项目", first["properties"]!["projectName"]!.GetValue<string>());
        Assert.Equal("一号地", first["properties"]!["地块名称"]!.GetValue<string>());
        var reference = await data.IdsAsync("SELECT id FROM ob.project_redline WHERE project_code = $1 ORDER BY parcel_no", OgcFixture.Project);
        Assert.Equal(reference, FeatureIds(doc));
        var one = await data.JsonAsync($"/ogc/collections/redlines/items/{reference[1]}");
        Assert.Equal("二号地", one["properties"]!["地块名称"]!.GetValue<string>());
    }

    [Fact]
    public async Task Item_ById_And404ProblemWhenMissing()
    {
        var ids = await data.IdsAsync("SELECT id FROM ob.layer_feature WHERE version_id = $1 ORDER BY feature_no", await data.VersionIdAsync());
        var item = await data.JsonAsync($"/ogc/collections/{OgcFixture.Layer}/items/{ids[3]}");
        Assert.Equal("Feature", item["type"]!.GetValue<string>());
        Assert.Equal(ids[3], item["id"]!.GetValue<long>());
        Assert.Equal(3, item["properties"]!["NO"]!.GetValue<long>());
        Assert.Contains("collection", Rels(item));

        var redLineId = (await data.IdsAsync("SELECT id FROM ob.project_redline LIMIT 1"))[0];
        foreach (var missing in new[] { $"/ogc/collections/{OgcFixture.Layer}/items/999999999", $"/ogc/collections/{OgcFixture.Layer}/items/abc",
                     $"/ogc/collections/{OgcFixture.Layer}/items/{redLineId + 1_000_000}", "/ogc/collections/NOPE/items", "/ogc/collections/HX" })
        {
            var response = await Anonymous.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Html_EveryResourceIsAPage_AndAttributeValuesAreEscaped()
    {
        var id = (await data.IdsAsync("SELECT id FROM ob.layer_feature WHERE version_id = $1 AND feature_no = 8", await data.VersionIdAsync()))[0];
        foreach (var path in new[] { "/ogc", "/ogc/conformance", "/ogc/collections", $"/ogc/collections/{OgcFixture.Layer}",
                     $"/ogc/collections/{OgcFixture.Layer}/items?limit=25", $"/ogc/collections/{OgcFixture.Layer}/items/{id}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            var response = await Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<!DOCTYPE html>", html);
            if (path.Contains("/items"))
            {
                Assert.DoesNotContain("<script>", html);
                Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;农田&quot;", html);
            }
        }
        var forced = await Anonymous.GetAsync("/ogc/collections?f=html");
        Assert.Equal("text/html", forced.Content.Headers.ContentType?.MediaType);
        var json = await Anonymous.GetAsync("/ogc/collections?f=json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Gdal_OapifDriverReadsTheCollections()
    {
        var root = new Uri(data.Server.BaseAddress, "/ogc").ToString();
        var layers = await Task.Run(() => Gdal.OgrInfo("-ro", "-q", "OAPIF:" + root));
        Assert.Contains(OgcFixture.Layer, layers);
        Assert.Contains("redlines", layers);
        // GDAL pages through the items with our next links (page size 7) and must see every feature exactly once
        var summary = await Task.Run(() => Gdal.OgrInfo("-ro", "-al", "-oo", "PAGE_SIZE=7", "OAPIF:" + root, OgcFixture.Layer));
        var expected = data.Squares.Select(q => q.No).ToList();
        var seen = System.Text.RegularExpressions.Regex.Matches(summary, @"NO \(Integer(?:64)?\) = (\d+)").Select(m => int.Parse(m.Groups[1].Value)).Order().ToList();
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("bbox=1,2,3")]
    [InlineData("bbox=113.7,34.7,113.6,34.8")]
    [InlineData("bbox=a,b,c,d")]
    [InlineData("limit=0")]
    [InlineData("limit=10001")]
    [InlineData("limit=ten")]
    [InlineData("offset=-1")]
    [InlineData("crs=EPSG:4326")]
    [InlineData("bbox-crs=EPSG:2383&bbox=1,2,3,4")]
    [InlineData("f=xml")]
    public async Task BadQuery_Is400ProblemDetails(string query)
    {
        var response = await Anonymous.GetAsync($"/ogc/collections/{OgcFixture.Layer}/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
