using OneBlueprint.Server;
using OneBlueprint.Cli.Console;
using OneBlueprint.Server.Page;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob embed-link`: a signed, expiring link to the standard page for the provincial system's iframe, signed with
/// OB_EMBED_SECRET (the secret the server verifies with). Prints the URL only, so scripts can capture it.
/// </summary>
public sealed class EmbedLinkCommand : ICommand
{
    public string Name => "embed-link";
    public string Summary => "print a signed, expiring /blueprint link for embedding (needs OB_EMBED_SECRET)";
    public string Usage => "usage: ob embed-link [--project CODE] [--minutes 60] [--base-url http://127.0.0.1:5080]\n" +
                           "  The link grants the page's project red line and compliance review until it expires; with --project, only that project.";
    public IReadOnlySet<string> Flags => new HashSet<string>();

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var project = args.Get("project");
        var minutes = args.GetInt("minutes") ?? 60;
        var baseUrl = (args.Get("base-url") ?? Environment.GetEnvironmentVariable("OB_PUBLIC_URL") ?? ServerApp.DefaultUrl).TrimEnd('/');
        args.RejectUnknown();
        if (minutes is < 1 or > 60 * 24 * 366)
            throw new UsageException($"--minutes {minutes} is out of range: give 1 to 527040 (a year).");
        var secret = Environment.GetEnvironmentVariable(EmbedOptions.SecretKey);
        if (string.IsNullOrWhiteSpace(secret))
        {
            System.Console.Error.WriteLine($"ob embed-link: {EmbedOptions.SecretKey} is not set. Set it to the secret shared with the provincial system (the server must run with the same value), e.g. export {EmbedOptions.SecretKey}=$(openssl rand -hex 32).");
            return Task.FromResult(2);
        }
        var token = EmbedToken.Create(new EmbedTokenPayload(DateTimeOffset.UtcNow.AddMinutes(minutes).ToUnixTimeSeconds(), project), secret);
        var query = project is null ? $"token={token}" : $"projectCode={Uri.EscapeDataString(project)}&token={token}";
        System.Console.WriteLine($"{baseUrl}/blueprint?{query}");
        return Task.FromResult(0);
    }
}
