using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Corral.Core;
using Corral.Server;
using Corral.TestKit.Upstreams;
using Microsoft.Extensions.Logging;

// Router overhead: streamed /v1/chat/completions calls straight to a fake OpenAI upstream on loopback vs the same
// calls through Corral's router (route "bench" -> that upstream), at N concurrent streams, side by side in one run.
// Usage: dotnet run -c Release --project bench/Corral.Bench.Router -- [concurrency=50] [calls=2000] [memory calls=10000] [--in-process]
if (args.Length > 0 && args[0] == "--serve")
{
    // Child mode: one Corral server with the given routes file, as `corral serve` runs it; prints its address.
    await using var child = await CorralServer.StartAsync(new ServerSettings
    {
        Port = 0,
        Core = new CoreSettings { ModelsDirectory = args[2] },
        RoutesFile = args[1],
        MinimumLogLevel = LogLevel.Warning,
    }, CancellationToken.None);
    Console.WriteLine("LISTENING " + child.BaseAddress);
    await Console.In.ReadLineAsync(); // the parent closes stdin to stop it
    return;
}

var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var concurrency = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 50;
var calls = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 2000;
var memoryCalls = positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 10_000;
var inProcess = args.Contains("--in-process");

await using var upstream = await FakeUpstream.StartAsync();
upstream.RecordBodies = false;
upstream.Answer = new FakeAnswer
{
    Text = "The quick brown fox jumps over the lazy dog, twenty small deltas streamed one by one to the client.",
    CharsPerDelta = 5,
    TokenDelay = TimeSpan.FromMilliseconds(1),
};
var directory = Path.Combine(Path.GetTempPath(), "corral-bench-router-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
var routes = Path.Combine(directory, "routes.yaml");
await File.WriteAllTextAsync(routes, $$"""
    providers:
      fake:
        type: openai
        base_url: {{upstream.OpenAIBaseUri}}
    routes:
      bench:
        targets: [fake/bench-model]
    """);

// The router under test: by default a separate process (as `corral serve` runs beside its clients), one per variant
// named in BENCH_VARIANTS ("name:VAR=value,VAR=value;name2:..."; default one plain server), alternated round by round.
var servers = new List<(string Name, Uri Address, IAsyncDisposable Handle)>();
if (inProcess)
{
    var server = await CorralServer.StartAsync(new ServerSettings
    {
        Port = 0,
        Core = new CoreSettings { ModelsDirectory = Path.Combine(directory, "models") },
        RoutesFile = routes,
        MinimumLogLevel = LogLevel.Warning,
    }, CancellationToken.None);
    servers.Add(("router", server.BaseAddress, server));
}
else
{
    var variants = (Environment.GetEnvironmentVariable("BENCH_VARIANTS") ?? "router:").Split(';', StringSplitOptions.RemoveEmptyEntries);
    foreach (var variant in variants)
    {
        var name = variant.Split(':', 2)[0];
        var environment = variant.Split(':', 2).ElementAtOrDefault(1) ?? "";
        var child = await ChildServer.StartAsync(routes, Path.Combine(directory, "models-" + name), environment);
        servers.Add((name, child.Address, child));
        Console.WriteLine($"server {name}: pid {child.Pid}, {child.Address}");
    }
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromMinutes(5),
};
var direct = new Uri(upstream.OpenAIBaseUri + "/chat/completions");
// Each call says "hello N" with a unique N, which reaches the upstream in the body (directly or through the router):
// the upstream's own time for that call (request arrival to last byte written) is subtracted from the client's total,
// leaving what the path between them added, free of the upstream's pacing jitter (its 1 ms sleeps are several ms here).
var upstreamTimes = new System.Collections.Concurrent.ConcurrentDictionary<int, double>();
upstream.Answered = (request, arrived, finished) =>
{
    var at = request.IndexOf("hello ", StringComparison.Ordinal) + 6;
    var end = at;
    while (end < request.Length && char.IsAsciiDigit(request[end]))
    {
        end++;
    }

    upstreamTimes[int.Parse(request.AsSpan(at, end - at), CultureInfo.InvariantCulture)] = Stopwatch.GetElapsedTime(arrived, finished).TotalMilliseconds;
};
var callIds = 0;
var firstDelta = "\"The q"u8.ToArray(); // the answer's first 5-character delta, as both sides write it in JSON

Console.WriteLine($"{Environment.ProcessorCount} cores, {concurrency} concurrent streams, {calls} calls per side, 20 deltas 1 ms apart, " +
    (inProcess ? "router in this process" : "router in its own process"));
var rounds = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "3", CultureInfo.InvariantCulture);
await RunAsync(direct, 500);
foreach (var server in servers)
{
    await RunAsync(new Uri(server.Address, "/v1/chat/completions"), 500); // warm-up every path (JIT tiers, pools)
}

var rows = new List<(string Side, Stats Total, Stats FirstByte)>();
var cpu = new List<(string Side, double MsPerCall)>();
var added = new List<(string Side, Stats Added)>(); // client total minus the upstream's own time, per call // the router process's CPU time (user + system) per call
for (var round = 0; round < rounds; round++)
{
    var (directTotal, directFirst, directAdded) = await RunAsync(direct, calls);
    rows.Add(("direct", directTotal, directFirst));
    added.Add(("direct", directAdded));
    foreach (var server in servers)
    {
        var cpuBefore = (server.Handle as ChildServer)?.CpuSeconds();
        var (routedTotal, routedFirst, routedAdded) = await RunAsync(new Uri(server.Address, "/v1/chat/completions"), calls);
        rows.Add((server.Name, routedTotal, routedFirst));
        added.Add((server.Name, routedAdded));
        if (cpuBefore is { } before)
        {
            cpu.Add((server.Name, (((ChildServer)server.Handle).CpuSeconds() - before) * 1000 / calls));
        }
    }
}

foreach (var (side, total, first) in rows)
{
    Console.WriteLine($"{side,-10} total p50 {total.P50,7:F2} ms  p99 {total.P99,7:F2} ms | first text p50 {first.P50,6:F2} ms  p99 {first.P99,6:F2} ms");
}

foreach (var (side, a) in added)
{
    Console.WriteLine($"{side,-10} added by the path (client total - upstream's own time): p50 {a.P50,6:F2} ms  p99 {a.P99,6:F2} ms");
}

var d = rows.Where(r => r.Side == "direct").ToArray();
var da = added.Where(a => a.Side == "direct").ToArray();
foreach (var server in servers)
{
    var r = rows.Where(x => x.Side == server.Name).ToArray();
    Console.WriteLine($"{server.Name} overhead (median of rounds): total p50 +{Median(r.Select(x => x.Total.P50)) - Median(d.Select(x => x.Total.P50)):F2} ms, " +
        $"p99 +{Median(r.Select(x => x.Total.P99)) - Median(d.Select(x => x.Total.P99)):F2} ms, " +
        $"first text p50 +{Median(r.Select(x => x.FirstByte.P50)) - Median(d.Select(x => x.FirstByte.P50)):F2} ms" +
        $"; router's own added latency p50 +{Median(added.Where(a => a.Side == server.Name).Select(a => a.Added.P50)) - Median(da.Select(a => a.Added.P50)):F2} ms, " +
        $"p99 +{Median(added.Where(a => a.Side == server.Name).Select(a => a.Added.P99)) - Median(da.Select(a => a.Added.P99)):F2} ms" +
        (cpu.Any(c => c.Side == server.Name) ? $", router CPU {Median(cpu.Where(c => c.Side == server.Name).Select(c => c.MsPerCall)):F3} ms per call" : ""));
}

var routed = new Uri(servers[0].Address, "/v1/chat/completions");

// Memory over many calls through the router (log writes included). In process: managed heap after a full GC, and
// RSS. Out of process: the server's RSS (it collects on its own schedule, so a leak shows as growth across batches).
Console.WriteLine($"memory over {memoryCalls} routed calls:");
for (var done = 0; done < memoryCalls;)
{
    var batch = Math.Min(memoryCalls / 5, memoryCalls - done);
    await RunAsync(routed, batch);
    done += batch;
    if (servers[0].Handle is ChildServer child)
    {
        Console.WriteLine($"  after {done,6} calls: server RSS {child.ResidentMiB(),7:F1} MiB");
        continue;
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"  after {done,6} calls: managed heap {GC.GetTotalMemory(false) / 1048576.0,7:F1} MiB, RSS {self.WorkingSet64 / 1048576.0,7:F1} MiB");
}

foreach (var server in servers)
{
    await server.Handle.DisposeAsync();
}

try
{
    Directory.Delete(directory, recursive: true);
}
catch (IOException)
{
}

async Task<(Stats Total, Stats FirstByte, Stats Added)> RunAsync(Uri uri, int count)
{
    var totals = new double[count];
    var firsts = new double[count];
    var ids = new int[count];
    var next = -1;
    var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
    {
        var buffer = new byte[16384];
        while (true)
        {
            var i = Interlocked.Increment(ref next);
            if (i >= count)
            {
                return;
            }

            ids[i] = Interlocked.Increment(ref callIds);
            var body = $$"""{"model":"bench","stream":true,"messages":[{"role":"user","content":"hello {{ids[i]}}"}]}""";
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var first = true;
            int read, seen = 0;
            while ((read = await stream.ReadAsync(buffer.AsMemory(seen))) > 0)
            {
                seen += read;
                if (first && buffer.AsSpan(0, seen).IndexOf(firstDelta) >= 0)
                {
                    // the first piece of the answer's text, not just headers or an empty role chunk
                    firsts[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    first = false;
                }

                if (!first || seen > buffer.Length - 4096)
                {
                    seen = 0;
                }
            }

            totals[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }).ToArray();
    await Task.WhenAll(workers);
    await Task.Delay(50); // the upstream's last callbacks
    var addedTimes = ids.Select((id, i) => upstreamTimes.TryRemove(id, out var own) ? totals[i] - own : double.NaN).Where(x => !double.IsNaN(x)).ToArray();
    return (Stats.Of(totals), Stats.Of(firsts), Stats.Of(addedTimes));
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

internal readonly record struct Stats(double P50, double P99)
{
    public static Stats Of(double[] values)
    {
        var sorted = values.Order().ToArray();
        return new Stats(sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }
}

/// <summary>A Corral server in a child process (this program with <c>--serve</c>), stopped by closing its stdin.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<ChildServer> StartAsync(string routes, string models, string environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // BENCH_SERVER_DLL=path in a variant runs another build of this bench as that server (A/B of two builds).
        var pairs = environment.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToArray();
        var dll = pairs.FirstOrDefault(p => p[0] == "BENCH_SERVER_DLL")?.ElementAtOrDefault(1);
        if (dll is not null || Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(dll ?? typeof(ChildServer).Assembly.Location);
        }

        foreach (var argument in new[] { "--serve", routes, models })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var parts in pairs.Where(p => p[0] != "BENCH_SERVER_DLL"))
        {
            start.Environment[parts[0]] = parts.ElementAtOrDefault(1) ?? "";
        }

        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new ChildServer(process, new Uri(line["LISTENING ".Length..]));
            }
        }

        throw new InvalidOperationException("the child server exited before listening");
    }

    /// <summary>User + system CPU time of the server so far (from <c>/proc/PID/stat</c>, in clock ticks of 10 ms).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public double ResidentMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
