using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// One bounded run of <c>wrk</c> (Debian package, scripts/deps.sh) against a loopback server, cycling through a
/// list of request paths with a Lua script, and what it printed: requests/s, latency percentiles, errors.
/// </summary>
public sealed record WrkRun(string CommandLine, int Paths, long Requests, double Seconds, double RequestsPerSecond,
    double P50Ms, double P90Ms, double P99Ms, long Non2xx, long SocketErrors, string? Skipped)
{
    public static async Task<WrkRun> RunAsync(string baseAddress, IReadOnlyList<string> paths, int threads, int connections, int seconds, CancellationToken ct)
    {
        var uri = new Uri(baseAddress);
        if (!uri.IsLoopback) throw new ArgumentException($"wrk runs against loopback only, not {baseAddress}");
        var script = Path.Combine(Path.GetTempPath(), $"ob-wrk-{Guid.NewGuid():N}.lua");
        var lua = new StringBuilder("local paths = {\n");
        foreach (var p in paths) lua.Append("  \"").Append(p).Append("\",\n");
        // each wrk thread has its own Lua state: start them at different places so they do not move in step
        lua.Append("}\nlocal i = 0\nsetup = function(thread) thread:set(\"start\", math.random(#paths)) end\n")
           .Append("init = function(args) i = start or 0 end\n")
           .Append("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        await File.WriteAllTextAsync(script, lua.ToString(), ct);
        var args = $"-t{threads} -c{connections} -d{seconds}s --latency -s {script} {baseAddress.TrimEnd('/')}";
        try
        {
            var start = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception) { return Missing("wrk is not installed (scripts/deps.sh installs it)"); }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync(ct);
                var stderr = process.StandardError.ReadToEndAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(seconds + 60));
                try { await process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
                var output = await stdout;
                if (process.ExitCode != 0) return Missing($"wrk exited with {process.ExitCode}: {(await stderr).Trim()}");
                return Parse(output, "wrk " + args.Replace(script, "urls.lua"), paths.Count);
            }
        }
        finally
        {
            File.Delete(script);
        }

        WrkRun Missing(string why) => new("wrk " + args, paths.Count, 0, 0, 0, 0, 0, 0, 0, 0, why);
    }

    /// <summary>Reads wrk's text report (with --latency).</summary>
    public static WrkRun Parse(string output, string commandLine, int paths)
    {
        double Latency(string pct) => Regex.Match(output, $@"^\s*{pct}%\s+([\d.]+)(us|ms|s)\b", RegexOptions.Multiline) is { Success: true } m
            ? Ms(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        var summary = Regex.Match(output, @"(\d+) requests in ([\d.]+)(us|ms|s|m)");
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var seconds = summary.Success ? Ms(summary.Groups[2].Value, summary.Groups[3].Value) / 1000 : 0;
        return new WrkRun(commandLine, paths,
            summary.Success ? long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) : 0, seconds,
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Latency("50"), Latency("90"), Latency("99"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0,
            rps.Success ? null : "could not read wrk's output: " + output);
    }

    private static double Ms(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "us" => v / 1000, "ms" => v, "s" => v * 1000, "m" => v * 60_000, _ => double.NaN };
    }
}
