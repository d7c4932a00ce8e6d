using Microsoft.Extensions.Hosting;
using OneBlueprint.Cli.Console;
using OneBlueprint.Server;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob serve`: the HTTP server (default http://127.0.0.1:5080) until Ctrl+C.</summary>
public sealed class ServeCommand : ICommand
{
    public string Name => "serve";
    public string Summary => "serve the HTTP API on http://127.0.0.1:5080 (--urls to change)";
    public string Usage => "usage: ob serve [--urls http://127.0.0.1:5080]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var urls = args.Get("urls");
        args.RejectUnknown();
        var app = ServerApp.Build(urls is null ? [] : ["--urls", urls]);
        System.Console.Error.WriteLine($"OneBlueprint serving on {urls ?? ServerApp.DefaultUrl} (Ctrl+C stops)");
        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
