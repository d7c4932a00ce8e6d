using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Reports.Pdf;
using OneBlueprint.Storage.Compliance;

namespace OneBlueprint.Server.Compliance;

public static class ComplianceServices
{
    /// <summary>
    /// The compliance review: rules (the file OB_COMPLIANCE_RULES names, else the embedded defaults — a broken file
    /// stops start-up with what is wrong in it), the engine, the in-memory blueprint and its loader (a hosted
    /// service), the store of checks, the runner the endpoints call, and the report builder and PDF printer.
    /// </summary>
    public static IServiceCollection AddOneBlueprintCompliance(this IServiceCollection services)
    {
        services.AddSingleton(sp => ComplianceRules.LoadOrDefault(sp.GetRequiredService<IConfiguration>()["OB_COMPLIANCE_RULES"]));
        services.AddSingleton(sp => new ComplianceEngine(sp.GetRequiredService<ComplianceRules>()));
        services.AddSingleton<BlueprintCache>();
        services.AddSingleton<BlueprintLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<BlueprintLoader>());
        services.AddSingleton<ComplianceCheckStore>();
        services.AddSingleton<ComplianceRunner>();
        services.AddSingleton<ComplianceReportBuilder>();
        services.AddSingleton(_ => new PdfPrinter());
        return services;
    }
}
