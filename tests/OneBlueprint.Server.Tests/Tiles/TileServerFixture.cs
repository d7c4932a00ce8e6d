using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Tests.Tiles;

[CollectionDefinition(Name)]
public sealed class TileCollection : ICollectionFixture<TileServerFixture>
{
    public const string Name = "Tiles";
}

/// <summary>
/// The real server over a scratch PostGIS database with its own tile cache folder (never the repository's
/// tiles/: version ids of a scratch database would collide with the real one's) and the catalogue re-read
/// on every request, so an import is visible at once.
/// </summary>
public sealed class TileServerFixture : IAsyncLifetime
{
    public ScratchDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string CacheRoot { get; } = Path.Combine(Path.GetTempPath(), "ob-tiles-" + Guid.NewGuid().ToString("N"));
    public LayerStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await ScratchDatabase.CreateAsync();
        App = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", Database.ConnectionString,
            "--OB_TILE_CACHE", CacheRoot, "--OB_TILE_CATALOG_SECONDS", "0"]);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        Store = new LayerStore(Database.Database);
    }

    /// <summary>Imports lon/lat (EPSG:4490) features as the next version of <paramref name="code"/>.</summary>
    public Task<LayerImportResult> ImportAsync(string code, IEnumerable<GeoFeature> features)
    {
        var set = new FeatureSet { Srid = CrsCatalog.Cgcs2000, Name = code };
        set.Features.AddRange(features);
        return new LayerImporter(Database.Database).ImportAsync(set, new LayerImportRequest(code, "tile-tests", RepairInvalid: true));
    }

    public static GeoFeature Feature(Geometry geometry, params (string Key, object? Value)[] attributes)
    {
        var feature = new GeoFeature(geometry);
        foreach (var (k, v) in attributes) feature.Attributes[k] = v;
        return feature;
    }

    public static Polygon Box(double minLon, double minLat, double maxLon, double maxLat, params Envelope[] holes)
    {
        var f = GeometryKit.Factory(CrsCatalog.Cgcs2000);
        LinearRing Ring(Envelope e) => f.CreateLinearRing([new(e.MinX, e.MinY), new(e.MaxX, e.MinY), new(e.MaxX, e.MaxY), new(e.MinX, e.MaxY), new(e.MinX, e.MinY)]);
        return f.CreatePolygon(Ring(new Envelope(minLon, maxLon, minLat, maxLat)), holes.Select(Ring).ToArray());
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        try { Directory.Delete(CacheRoot, recursive: true); } catch (IOException) { }
    }
}
