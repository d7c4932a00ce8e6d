namespace OneBlueprint.Server.Tiles;

public static class TileServices
{
    /// <summary>
    /// The tile cache (OB_TILE_CACHE, else the repository's tiles/) and the tile service. OB_TILE_CATALOG_SECONDS
    /// (default 2) is how long a layer's current version is trusted before the catalogue is read again.
    /// </summary>
    public static IServiceCollection AddOneBlueprintTiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new TileCache(TileCache.DefaultRoot(configuration["OB_TILE_CACHE"])));
        // its own connection pool: a singleton of the container, so the container disposes it
        services.AddSingleton(sp => new TileFeatureQuery(sp.GetRequiredService<OneBlueprint.Storage.Database.ObDatabase>()));
        services.AddSingleton(sp => new TileService(
            sp.GetRequiredService<OneBlueprint.Storage.Layers.LayerStore>(),
            sp.GetRequiredService<TileCache>(),
            sp.GetRequiredService<ILogger<TileService>>(),
            double.TryParse(configuration["OB_TILE_CATALOG_SECONDS"], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 2,
            sp.GetRequiredService<TileFeatureQuery>(),
            // control layers the compliance checks hold in memory are drawn from there (registered by AddOneBlueprintCompliance)
            sp.GetService<OneBlueprint.Engines.Indexing.BlueprintCache>()));
        return services;
    }
}
