using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob keys add|list|revoke`: API keys for writes. Only the hash is stored; the key is shown once.</summary>
public sealed class KeysCommand : ICommand
{
    public string Name => "keys";
    public string Summary => "API keys: add --name N --role admin|planner|reviewer, list, revoke ID";
    public string Usage => """
        usage: ob keys add --name NAME --role admin|planner|reviewer
               ob keys list
               ob keys revoke ID
          The key is printed once (stdout); store it, the database keeps only its SHA-256 hash.
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var sub = args.Positional(0, "add, list or revoke");
        await using var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        var keys = new ApiKeyStore(db);
        switch (sub)
        {
            case "add":
                var name = args.Require("name", "who or what uses the key");
                var role = args.Require("role", "admin, planner or reviewer");
                args.RejectUnknown();
                var created = await keys.CreateAsync(name, role, Environment.UserName, ct);
                System.Console.Error.WriteLine($"key {created.Id} for '{created.Name}' ({created.Role}); shown only now:");
                System.Console.WriteLine(created.PlaintextKey);
                return 0;
            case "list":
                args.RejectUnknown();
                var table = new Table().AddColumns("id", "name", "role", "prefix", "created", "revoked");
                foreach (var k in await keys.ListAsync(ct))
                    table.AddRow(k.Id.ToString(), Markup.Escape(k.Name), k.Role, k.KeyPrefix, k.CreatedAt.ToString("u"), k.RevokedAt?.ToString("u") ?? "");
                AnsiConsole.Write(table);
                return 0;
            case "revoke":
                var idText = args.Positional(1, "the key id (see ob keys list)");
                args.RejectUnknown();
                if (!long.TryParse(idText, out var id)) throw new UsageException($"'{idText}' is not a key id");
                var done = await keys.RevokeAsync(id, Environment.UserName, ct);
                System.Console.WriteLine(done ? $"key {id} revoked" : $"no active key {id}");
                return done ? 0 : 1;
            default:
                throw new UsageException($"unknown subcommand '{sub}'");
        }
    }
}
