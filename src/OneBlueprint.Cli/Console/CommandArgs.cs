namespace OneBlueprint.Cli.Console;

/// <summary>
/// The parsed words of one command: positionals in order and <c>--name value</c> / <c>--flag</c> options.
/// Kept tiny on purpose; every command states its own options in its help text.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandArgs(IEnumerable<string> words, IReadOnlySet<string> flags)
    {
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var w = list[i];
            if (w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2)
            {
                var eq = w.IndexOf('=');
                if (eq > 0) { _options[w[2..eq]] = w[(eq + 1)..]; continue; }
                var name = w[2..];
                if (flags.Contains(name) || i + 1 >= list.Count) _options[name] = null;
                else _options[name] = list[++i];
            }
            else Positionals.Add(w);
        }
    }

    public List<string> Positionals { get; } = new();

    public bool Has(string name) { _read.Add(name); return _options.ContainsKey(name); }

    public string? Get(string name) { _read.Add(name); return _options.TryGetValue(name, out var v) ? v : null; }

    public string Require(string name, string what) =>
        Get(name) ?? throw new UsageException($"--{name} is required: {what}");

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException($"missing argument: {what}");

    public int? GetInt(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        return int.TryParse(v, out var n) ? n : throw new UsageException($"--{name} takes a whole number, not '{v}'");
    }

    /// <summary>Reads an EPSG code given as "EPSG:4547" or "4547".</summary>
    public int? GetSrid(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        return OneBlueprint.Geo.Crs.EpsgCode.Parse(v) ?? throw new UsageException($"--{name} takes an EPSG code such as EPSG:4547, not '{v}'");
    }

    /// <summary>Options given but never asked for: almost always a typo, so commands refuse them.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option --{unknown[0]}");
    }
}

/// <summary>Wrong words on the command line: exit code 2 with the command's usage.</summary>
public sealed class UsageException(string message) : Exception(message);
