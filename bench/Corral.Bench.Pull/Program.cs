using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Corral.Api.Models;
using Corral.Bench.Pull;
using Corral.Core.Registry;
using Corral.Core.Store;

// Pull throughput from a loopback docker-registry: Corral's puller vs curl fetching the same blob.
// Usage: dotnet run -c Release --project bench/Corral.Bench.Pull -- [size MiB, default 1024] [runs, default 3]
var sizeMiB = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
using var registry = await LocalRegistry.StartAsync();
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var blob = RandomNumberGenerator.GetBytes(sizeMiB << 20);
var blobDigest = await Upload(blob);
var config = "{}"u8.ToArray();
var configDigest = await Upload(config);
var manifest = $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"{{blobDigest}}","size":{{blob.Length}}}]}""";
using (var put = new StringContent(manifest, Encoding.UTF8))
{
    put.Headers.ContentType = new("application/vnd.docker.distribution.manifest.v2+json");
    (await http.PutAsync($"http://{registry.Authority}/v2/bench/model/manifests/latest", put)).EnsureSuccessStatusCode();
}

blob = [];
// BENCH_PARALLEL: streams per blob ("16": at most 16, one first and more only while it is slow, as the product does;
// "16x": 16 from the start), or a comma-separated list of them to compare in the same invocation (each run pulls once
// per value); BENCH_PART_MIB: fixed part size.
var variants = (Environment.GetEnvironmentVariable("BENCH_PARALLEL") is { Length: > 0 } list ? list : "default")
    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
Console.WriteLine($"blob {sizeMiB} MiB, {runs} runs each, best run reported, {Environment.ProcessorCount} cores, streams: {string.Join(", ", variants)}");
double bestCurl = 0, bestCurlFile = 0, bestSha = 0;
var bestCorral = new double[variants.Length];
var ratios = variants.Select(_ => new List<double>()).ToArray();
var nullRatios = variants.Select(_ => new List<double>()).ToArray();
// CPU milliseconds per transfer (client, and the registry serving it): variants..., curl to /dev/null, curl to file.
var cpuClient = Enumerable.Range(0, variants.Length + 2).Select(_ => new List<double>()).ToArray();
var cpuRegistry = Enumerable.Range(0, variants.Length + 2).Select(_ => new List<double>()).ToArray();
var curlFile = Path.Combine(Path.GetTempPath(), "corral-bench-curl-" + Guid.NewGuid().ToString("N"));
var shuffle = new Random(42);
await Pull(variants[0], 0); // warm-up (JIT, first connection), not counted
cpuClient[0].Clear();
cpuRegistry[0].Clear();
for (var run = 0; run < runs; run++)
{
    // Each run measures curl to /dev/null, curl to a file and every pull variant once, in a shuffled order so that no
    // variant always follows the same neighbour; before each step, written data is synced and deleted files settle
    // (this disk is mounted with online discard: deleting 512 MiB costs the next step otherwise).
    var speeds = new double[variants.Length];
    double speed = 0, fileSpeed = 0, shaSpeed = 0;
    var order = Enumerable.Range(0, variants.Length + 2).ToArray();
    shuffle.Shuffle(order);
    foreach (var step in order)
    {
        await Settle();
        if (step == 0)
        {
            speed = await Curl("/dev/null", variants.Length);
            bestCurl = Math.Max(bestCurl, speed);
        }
        else if (step == 1)
        {
            fileSpeed = await Curl(curlFile, variants.Length + 1);
            bestCurlFile = Math.Max(bestCurlFile, fileSpeed);
            var shaWatch = Stopwatch.StartNew();
            var sha = Process.Start(new ProcessStartInfo("sha256sum", [curlFile]) { RedirectStandardOutput = true })!;
            await sha.StandardOutput.ReadToEndAsync();
            await sha.WaitForExitAsync();
            shaSpeed = sizeMiB / shaWatch.Elapsed.TotalSeconds;
            bestSha = Math.Max(bestSha, shaSpeed);
            File.Delete(curlFile);
        }
        else
        {
            var v = step - 2;
            speeds[v] = await Pull(variants[v], v);
            bestCorral[v] = Math.Max(bestCorral[v], speeds[v]);
        }
    }

    for (var v = 0; v < variants.Length; v++)
    {
        ratios[v].Add(speeds[v] / fileSpeed);
        nullRatios[v].Add(speeds[v] / speed);
    }

    var pulls = string.Join("  ", variants.Select((name, v) => $"[{name}] {speeds[v],5:0}"));
    Console.WriteLine($"run {run + 1}: curl {speed,5:0} MiB/s, curl to file {fileSpeed,5:0}, pull (sha256 verified) {pulls}  [sha256sum {shaSpeed,4:0}]");
}

Console.WriteLine($"best: curl to /dev/null {bestCurl:0} MiB/s, curl to file {bestCurlFile:0} MiB/s, sha256sum {bestSha:0} MiB/s");
for (var v = 0; v < variants.Length; v++)
{
    var sorted = ratios[v].Order().ToList();
    var toNull = nullRatios[v].Order().ToList();
    Console.WriteLine($"streams {variants[v]}: best {bestCorral[v]:0} MiB/s; per run, vs that run's curl to file: median {100 * sorted[sorted.Count / 2]:0}% "
        + $"(range {100 * sorted[0]:0}-{100 * sorted[^1]:0}%), vs curl to /dev/null: median {100 * toNull[toNull.Count / 2]:0}% (range {100 * toNull[0]:0}-{100 * toNull[^1]:0}%)");
}

Console.WriteLine("CPU per transfer, median of runs (ms; client + registry; this load-independent cost decides throughput when the cores are busy):");
var names = variants.Select(v => $"pull [{v}]").Append("curl to /dev/null").Append("curl to file").ToArray();
for (var i = 0; i < names.Length; i++)
{
    var client = cpuClient[i].Order().ToList();
    var server = cpuRegistry[i].Order().ToList();
    Console.WriteLine($"  {names[i],-20} client {client[client.Count / 2],6:0} + registry {server[server.Count / 2],6:0} = {client[client.Count / 2] + server[server.Count / 2],6:0}");
}

static async Task Settle()
{
    using var sync = Process.Start("sync")!;
    await sync.WaitForExitAsync();
    await Task.Delay(500);
}

async Task<double> Curl(string output, int slot)
{
    var times = Path.GetTempFileName();
    var registryBefore = registry.CpuTime;
    var curl = Process.Start(new ProcessStartInfo("/usr/bin/time", ["-f", "%U %S", "-o", times, "curl", "-s", "-o", output, "-w", "%{speed_download}", $"http://{registry.Authority}/v2/bench/model/blobs/{blobDigest}"])
    { RedirectStandardOutput = true })!;
    var result = double.Parse(await curl.StandardOutput.ReadToEndAsync(), CultureInfo.InvariantCulture) / (1 << 20);
    await curl.WaitForExitAsync();
    cpuRegistry[slot].Add((registry.CpuTime - registryBefore).TotalMilliseconds);
    cpuClient[slot].Add((await File.ReadAllTextAsync(times)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(t => double.Parse(t, CultureInfo.InvariantCulture)) * 1000);
    File.Delete(times);
    return result;
}

// Cost breakdown without the puller: "raw" reads the body into a 1 MiB buffer and drops it, "raw+write" also writes
// it to a file, "raw+write+sha" also hashes it from the buffer, "sha" only hashes the blob from memory.
async Task<double> Raw(string variant, int slot)
{
    var registryBefore = registry.CpuTime;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var path = Path.Combine(Path.GetTempPath(), "corral-bench-raw-" + Guid.NewGuid().ToString("N"));
    // "@K": a K KiB buffer instead of 1 MiB.
    var at = variant.IndexOf('@', StringComparison.Ordinal);
    var buffer = new byte[at < 0 ? 1 << 20 : int.Parse(variant[(at + 1)..], CultureInfo.InvariantCulture) << 10];
    variant = at < 0 ? variant : variant[..at];
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    if (variant == "sha")
    {
        for (long done = 0; done < (long)sizeMiB << 20; done += buffer.Length)
        {
            hash.AppendData(buffer);
        }
    }
    else
    {
        using var rawClient = new HttpClient();
        using var response = await rawClient.GetAsync($"http://{registry.Authority}/v2/bench/model/blobs/{blobDigest}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        // "+pre": the file is preallocated (fallocate) instead of growing as it is written.
        using var file = variant == "raw" ? null
            : File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, preallocationSize: variant.EndsWith("+pre", StringComparison.Ordinal) ? (long)sizeMiB << 20 : 0);
        long offset = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (file is not null)
            {
                RandomAccess.Write(file, buffer.AsSpan(0, read), offset);
            }

            if (variant.StartsWith("raw+write+sha", StringComparison.Ordinal))
            {
                hash.AppendData(buffer, 0, read);
            }

            offset += read;
        }

    }

    var result = sizeMiB / watch.Elapsed.TotalSeconds;
    cpuClient[slot].Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
    cpuRegistry[slot].Add((registry.CpuTime - registryBefore).TotalMilliseconds);
    File.Delete(path);
    return result;
}

async Task<double> Pull(string variant, int slot)
{
    if (variant.StartsWith("raw", StringComparison.Ordinal) || variant.StartsWith("sha", StringComparison.Ordinal))
    {
        return await Raw(variant, slot);
    }

    var storeRoot = Path.Combine(Path.GetTempPath(), "corral-bench-store-" + Guid.NewGuid().ToString("N"));
    var options = new RegistryOptions { AllowPrivateAddresses = true };
    if (Environment.GetEnvironmentVariable("BENCH_PART_MIB") is { Length: > 0 } partMiB)
    {
        options.MinPartSize = options.MaxPartSize = long.Parse(partMiB, CultureInfo.InvariantCulture) << 20;
    }

    if (Environment.GetEnvironmentVariable("BENCH_RAMP_MS") is { Length: > 0 } rampMs)
    {
        options.RampInterval = TimeSpan.FromMilliseconds(int.Parse(rampMs, CultureInfo.InvariantCulture));
    }

    if (variant != "default")
    {
        // "N": at most N streams, one first and more only while it is slow (the product's rule); "Nx": N streams from the start.
        options.MaxParallelParts = int.Parse(variant.TrimEnd('x'), CultureInfo.InvariantCulture);
        if (variant.EndsWith('x'))
        {
            options.SingleStreamRate = double.PositiveInfinity;
        }
    }

    var store = new ModelStore(storeRoot);
    var registryBefore = registry.CpuTime;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var client = new RegistryClient(new HttpClient(RegistryHostPolicy.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan }, options);
    var downloader = new BlobDownloader(client, store, new RegistryStatistics(), TimeProvider.System);
    var puller = new RegistryPuller(store, new ManifestFetcher(client), new DownloadCoordinator(downloader), options, TimeProvider.System);
    var watch = Stopwatch.StartNew();
    string? last = null;
    await foreach (var progress in puller.PullAsync(new PullRequest { Model = $"{registry.Authority}/bench/model", Insecure = true }, CancellationToken.None))
    {
        last = progress.Status;
    }

    var result = sizeMiB / watch.Elapsed.TotalSeconds;
    cpuClient[slot].Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
    cpuRegistry[slot].Add((registry.CpuTime - registryBefore).TotalMilliseconds);
    Directory.Delete(storeRoot, recursive: true);
    return last == "success" ? result : throw new InvalidOperationException($"pull ended with {last}");
}

async Task<string> Upload(byte[] content)
{
    var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
    using var start = await http.PostAsync($"http://{registry.Authority}/v2/bench/model/blobs/uploads/", null);
    start.EnsureSuccessStatusCode();
    var location = new Uri(new Uri($"http://{registry.Authority}/"), start.Headers.Location!);
    var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
    using var body = new ByteArrayContent(content);
    body.Headers.ContentType = new("application/octet-stream");
    (await http.PutAsync($"{location}{separator}digest={digest}", body)).EnsureSuccessStatusCode();
    return digest;
}
