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
Console.WriteLine($"blob {sizeMiB} MiB, {runs} runs each, best run reported, {Environment.ProcessorCount} cores");
double bestCurl = 0, bestCorral = 0, bestCurlFile = 0, bestSha = 0;
var curlFile = Path.Combine(Path.GetTempPath(), "corral-bench-curl-" + Guid.NewGuid().ToString("N"));
for (var run = 0; run < runs; run++)
{
    var curl = Process.Start(new ProcessStartInfo("curl", ["-s", "-o", "/dev/null", "-w", "%{speed_download}", $"http://{registry.Authority}/v2/bench/model/blobs/{blobDigest}"])
    { RedirectStandardOutput = true })!;
    var speed = double.Parse(await curl.StandardOutput.ReadToEndAsync(), CultureInfo.InvariantCulture) / (1 << 20);
    await curl.WaitForExitAsync();
    bestCurl = Math.Max(bestCurl, speed);

    var storeRoot = Path.Combine(Path.GetTempPath(), "corral-bench-store-" + Guid.NewGuid().ToString("N"));
    var options = new RegistryOptions { AllowPrivateAddresses = true };
    if (Environment.GetEnvironmentVariable("BENCH_PART_MIB") is { Length: > 0 } partMiB)
    {
        options.MinPartSize = options.MaxPartSize = long.Parse(partMiB, CultureInfo.InvariantCulture) << 20;
    }

    if (Environment.GetEnvironmentVariable("BENCH_PARALLEL") is { Length: > 0 } parallel)
    {
        options.MaxParallelParts = int.Parse(parallel, CultureInfo.InvariantCulture);
    }

    var store = new ModelStore(storeRoot);
    var client = new RegistryClient(new HttpClient(RegistryHostPolicy.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan }, options);
    var downloader = new BlobDownloader(client, store, new RegistryStatistics(), TimeProvider.System);
    var puller = new RegistryPuller(store, new ManifestFetcher(client), new DownloadCoordinator(downloader), options, TimeProvider.System);
    var watch = Stopwatch.StartNew();
    string? last = null;
    await foreach (var line in puller.PullAsync(new PullRequest { Model = $"{registry.Authority}/bench/model", Insecure = true }, CancellationToken.None))
    {
        last = line.Status;
    }

    var corral = sizeMiB / watch.Elapsed.TotalSeconds;
    bestCorral = Math.Max(bestCorral, corral);
    Directory.Delete(storeRoot, recursive: true);

    // Context (after the pull, so its page-cache writeback does not slow the pull): curl writing the blob to a file, and sha256sum of that file (page cache warm).
    var toFile = Process.Start(new ProcessStartInfo("curl", ["-s", "-o", curlFile, "-w", "%{speed_download}", $"http://{registry.Authority}/v2/bench/model/blobs/{blobDigest}"])
    { RedirectStandardOutput = true })!;
    var fileSpeed = double.Parse(await toFile.StandardOutput.ReadToEndAsync(), CultureInfo.InvariantCulture) / (1 << 20);
    await toFile.WaitForExitAsync();
    bestCurlFile = Math.Max(bestCurlFile, fileSpeed);
    var shaWatch = Stopwatch.StartNew();
    var sha = Process.Start(new ProcessStartInfo("sha256sum", [curlFile]) { RedirectStandardOutput = true })!;
    await sha.StandardOutput.ReadToEndAsync();
    await sha.WaitForExitAsync();
    var shaSpeed = sizeMiB / shaWatch.Elapsed.TotalSeconds;
    bestSha = Math.Max(bestSha, shaSpeed);
    File.Delete(curlFile);
    Console.WriteLine($"run {run + 1}: curl {speed,8:0.0} MiB/s   corral pull (incl. sha256 verify) {corral,8:0.0} MiB/s   ({last})   [context: curl to file {fileSpeed,7:0.0} MiB/s, sha256sum {shaSpeed,7:0.0} MiB/s]");
}

Console.WriteLine($"best: curl {bestCurl:0.0} MiB/s, corral {bestCorral:0.0} MiB/s = {100 * bestCorral / bestCurl:0}% of curl");
Console.WriteLine($"context (best): curl to file {bestCurlFile:0.0} MiB/s, sha256sum {bestSha:0.0} MiB/s; corral = {100 * bestCorral / bestCurlFile:0}% of curl to file");

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
