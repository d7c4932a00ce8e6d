using OneBlueprint.Storage.Analysis;

namespace OneBlueprint.Server.Analysis;

public static class AnalysisServices
{
    /// <summary>The job, patch and ledger stores, the kinds of analysis work and the background runner.</summary>
    public static IServiceCollection AddOneBlueprintAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<AnalysisJobStore>();
        services.AddSingleton<PatchStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<IAnalysisWork, DiffWork>();
        services.AddSingleton<IAnalysisWork, TopologyWork>();
        services.AddSingleton<AnalysisJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisJobRunner>());
        return services;
    }
}
