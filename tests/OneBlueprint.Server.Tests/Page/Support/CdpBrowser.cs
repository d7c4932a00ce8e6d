using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneBlueprint.Server.Tests.Page.Support;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (a WebSocket, no browser download, no driver
/// package): navigate, evaluate JavaScript, click at a pixel, set a file input, take a PNG screenshot. One page per
/// instance, a fresh profile in a temporary directory; Dispose kills the process tree and deletes the profile.
/// </summary>
public sealed class CdpBrowser : IAsyncDisposable
{
    public const int Width = 1400;
    public const int Height = 900;

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _console = [];
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private CdpBrowser(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>What the page wrote to its console and its uncaught exceptions (for failure messages).</summary>
    public IReadOnlyList<string> ConsoleMessages { get { lock (_console) return _console.ToList(); } }

    public static async Task<CdpBrowser> LaunchAsync()
    {
        var chromium = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
            : throw new InvalidOperationException("Chromium is not installed at /usr/bin/chromium: run scripts/deps.sh (Debian package chromium).");
        var profile = Directory.CreateTempSubdirectory("ob-page-test-");
        var start = new ProcessStartInfo(chromium)
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--no-default-browser-check",
                     "--hide-scrollbars", "--force-device-scale-factor=1", $"--window-size={Width},{Height}",
                     "--remote-debugging-port=0", "--user-data-dir=" + Path.Combine(profile.FullName, "profile"), "about:blank",
                 })
            start.ArgumentList.Add(a);
        start.Environment["HOME"] = profile.FullName;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new CdpBrowser(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the port it chose to DevToolsActivePort in the profile.
        var portFile = Path.Combine(_profile.FullName, "profile", "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before opening DevTools.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Chromium did not open its DevTools port within 30 s.");
            await Task.Delay(50);
        }
        var port = int.Parse((await File.ReadAllLinesAsync(portFile))[0]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string? url = null;
        for (var attempt = 0; url is null && attempt < 100; attempt++)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync("/json/list"))!.AsArray();
            url = targets.FirstOrDefault(t => t!["type"]!.GetValue<string>() == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
            if (url is null) await Task.Delay(100);
        }
        await _socket.ConnectAsync(new Uri(url ?? throw new InvalidOperationException("Chromium has no page target.")), CancellationToken.None);
        _reader = Task.Run(ReadLoop);
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = Width, ["height"] = Height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var json = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var waiter)) waiter.TrySetResult(json);
                else Observe(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var waiter in _pending.Values) waiter.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    private void Observe(JsonObject evt)
    {
        var method = evt["method"]?.GetValue<string>();
        string? line = method switch
        {
            "Runtime.consoleAPICalled" => $"console.{evt["params"]!["type"]}: " + string.Join(" ", evt["params"]!["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString())),
            "Runtime.exceptionThrown" => "exception: " + evt["params"]!["exceptionDetails"]?["exception"]?["description"],
            _ => null,
        };
        if (line is not null) lock (_console) _console.Add(line);
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString());
        lock (_socket) _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        var answer = await waiter.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return answer["result"]!.AsObject();
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });

    /// <summary>Evaluates <paramref name="expression"/> (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true,
        });
        if (result["exceptionDetails"] is { } details)
            throw new InvalidOperationException($"page script failed: {details["exception"]?["description"] ?? details.ToJsonString()}");
        return result["result"]!["value"]?.DeepClone();
    }

    /// <summary>Polls <paramref name="condition"/> (a JavaScript expression) until it is truthy.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await EvaluateAsync($"!!({condition})");
            if (value?.GetValue<bool>() == true) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what} ({condition}). Page console: {string.Join(" | ", ConsoleMessages.TakeLast(10))}");
            await Task.Delay(100);
        }
    }

    public async Task ClickAsync(double x, double y)
    {
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = type == "mouseMoved" ? "none" : "left", ["clickCount"] = type == "mouseMoved" ? 0 : 1,
            });
    }

    /// <summary>One mouse event with the left button held (pressed, moved while held, released) — for drags.</summary>
    public Task MouseAsync(string type, double x, double y) =>
        SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["buttons"] = type == "mouseReleased" ? 0 : 1, ["clickCount"] = 1 });

    public Task MoveAsync(double x, double y) =>
        SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseMoved", ["x"] = x, ["y"] = y, ["button"] = "none" });

    /// <summary>Puts <paramref name="path"/> into the file input matched by <paramref name="selector"/> (fires its change event).</summary>
    public async Task SetFileInputAsync(string selector, string path)
    {
        var document = await SendAsync("DOM.getDocument", new JsonObject { ["depth"] = 0 });
        var node = await SendAsync("DOM.querySelector", new JsonObject { ["nodeId"] = document["root"]!["nodeId"]!.GetValue<int>(), ["selector"] = selector });
        var nodeId = node["nodeId"]!.GetValue<int>();
        if (nodeId == 0) throw new InvalidOperationException($"no element matches {selector}");
        await SendAsync("DOM.setFileInputFiles", new JsonObject { ["nodeId"] = nodeId, ["files"] = new JsonArray(path) });
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)); }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException) { }
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _socket.Dispose();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try { _profile.Refresh(); if (_profile.Exists) _profile.Delete(true); break; }
            catch (IOException) { await Task.Delay(200); }
        }
    }
}
