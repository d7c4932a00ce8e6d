using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Server.Hosting;

public static class StorageServices
{
    /// <summary>
    /// PostGIS stores as singletons over one pooled data source (OB_DATABASE or the project-local cluster).
    /// The server keeps no state PostGIS does not have.
    /// </summary>
    public static IServiceCollection AddOneBlueprintStorage(this IServiceCollection services, string? connectionString = null)
    {
        services.AddSingleton(_ => connectionString is null ? ObDatabase.FromEnvironment() : new ObDatabase(connectionString));
        services.AddSingleton<Migrator>();
        services.AddSingleton<LayerStore>();
        services.AddSingleton<LayerImporter>();
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
