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
// Usage: dotnet run -c Release --project bench/Corral.Bench.Router -- [concurrency=50] [calls=2000] [memory calls=10000]
var concurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var memoryCalls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;

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
await using var server = await CorralServer.StartAsync(new ServerSettings
{
    Port = 0,
    Core = new CoreSettings { ModelsDirectory = Path.Combine(directory, "models") },
    RoutesFile = routes,
    MinimumLogLevel = LogLevel.Warning,
}, CancellationToken.None);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromMinutes(5),
};
var direct = new Uri(upstream.OpenAIBaseUri + "/chat/completions");
var routed = new Uri(server.BaseAddress, "/v1/chat/completions");
var body = """{"model":"bench","stream":true,"messages":[{"role":"user","content":"hello"}]}""";
var firstDelta = "\"The q"u8.ToArray(); // the answer's first 5-character delta, as both sides write it in JSON

Console.WriteLine($"{Environment.ProcessorCount} cores, {concurrency} concurrent streams, {calls} calls per side, 20 deltas 1 ms apart");
await RunAsync(direct, 200);
await RunAsync(routed, 200); // warm-up both paths
var rows = new List<(string Side, Stats Total, Stats FirstByte)>();
for (var round = 0; round < 3; round++)
{
    var (directTotal, directFirst) = await RunAsync(direct, calls);
    rows.Add(("direct", directTotal, directFirst));
    var (routedTotal, routedFirst) = await RunAsync(routed, calls);
    rows.Add(("router", routedTotal, routedFirst));
}

foreach (var (side, total, first) in rows)
{
    Console.WriteLine($"{side,-7} total p50 {total.P50,7:F2} ms  p99 {total.P99,7:F2} ms | first text p50 {first.P50,6:F2} ms  p99 {first.P99,6:F2} ms");
}

var d = rows.Where(r => r.Side == "direct").ToArray();
var r = rows.Where(r => r.Side == "router").ToArray();
Console.WriteLine($"overhead (median of rounds): total p50 +{Median(r.Select(x => x.Total.P50)) - Median(d.Select(x => x.Total.P50)):F2} ms, " +
    $"p99 +{Median(r.Select(x => x.Total.P99)) - Median(d.Select(x => x.Total.P99)):F2} ms, " +
    $"first text p50 +{Median(r.Select(x => x.FirstByte.P50)) - Median(d.Select(x => x.FirstByte.P50)):F2} ms");

// Memory over many calls through the router (log writes included): managed heap after a full GC, and RSS.
Console.WriteLine($"memory over {memoryCalls} routed calls:");
for (var done = 0; done < memoryCalls;)
{
    var batch = Math.Min(memoryCalls / 5, memoryCalls - done);
    await RunAsync(routed, batch);
    done += batch;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"  after {done,6} calls: managed heap {GC.GetTotalMemory(false) / 1048576.0,7:F1} MiB, RSS {self.WorkingSet64 / 1048576.0,7:F1} MiB");
}

try
{
    Directory.Delete(directory, recursive: true);
}
catch (IOException)
{
}

async Task<(Stats Total, Stats FirstByte)> RunAsync(Uri uri, int count)
{
    var totals = new double[count];
    var firsts = new double[count];
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
    return (Stats.Of(totals), Stats.Of(firsts));
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
