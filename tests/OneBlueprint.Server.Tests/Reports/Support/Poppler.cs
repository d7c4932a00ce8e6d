using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Reports.Support;

/// <summary>poppler-utils (pdfinfo, pdftotext, pdftoppm; installed by scripts/deps.sh) as independent readers of our PDFs.</summary>
public static class Poppler
{
    public static string Run(string tool, params string[] arguments) =>
        ExternalTool.RunOkAsync(tool, arguments, "scripts/deps.sh (poppler-utils)").GetAwaiter().GetResult();
}
