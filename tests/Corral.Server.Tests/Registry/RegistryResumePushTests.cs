using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corral.Core;
using Corral.Core.Registry;
using Corral.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Tests.Registry;

/// <summary>
/// Resume after a cancel (and after a server restart on the same store), chunked push and cross-repository mounts,
/// all against Debian's real docker-registry. A 24 MiB model (stories260K padded) in 1 MiB parts.
/// </summary>
public sealed class RegistryResumePushTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>, IAsyncLifetime
{
    private const long Part = 1 << 20;
    private readonly ServerFixture _source = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "corral-resume-" + Guid.NewGuid().ToString("N"));
    private readonly string _repository = "resume" + Guid.NewGuid().ToString("N")[..8];
    private RecordingHandler _sourceRecorder = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _source.InitializeAsync();
        var options = _source.AllowLoopback(partSize: Part);
        options.WrapHandler = inner => _sourceRecorder = new RecordingHandler(inner);

        // A GGUF followed by padding: llama.cpp reads only what the header describes, so the model still runs.
        var gguf = Path.Combine(_work, "big.gguf");
        await using (var file = File.Create(gguf))
        {
            await file.WriteAsync(await File.ReadAllBytesAsync(TestModels.Stories260K, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var padding = new byte[Part];
            new Random(6).NextBytes(padding);
            while (file.Length < 24 * Part - 12345)
            {
                await file.WriteAsync(padding.AsMemory(0, (int)Math.Min(Part, 24 * Part - 12345 - file.Length)), TestContext.Current.CancellationToken);
            }
        }

        await _source.CreateFromFileAsync("big", gguf);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string Remote(string repository) => $"{registry.Authority}/library/{repository}:latest";

    private async Task PushAsync(string remote)
    {
        Assert.Equal(200, (await Native.Http.PostAsync(_source, "/api/copy", $$"""{"source":"big","destination":"{{remote}}"}""")).Status);
        var (status, lines) = await _source.StreamAsync("/api/push", $$"""{"model":"{{remote}}","insecure":true}""");
        Assert.Equal(200, status);
        Assert.Equal("success", lines[^1].Str("status"));
    }

    private Core.Store.Layer ModelLayer() =>
        new Core.Store.ModelStore(_source.StoreDirectory).Get("big").Stored.Manifest.Layers.Single(l => l.Size > Part);

    private static async Task<List<JsonElement>> PullAsync(HttpClient http, string remote, Func<JsonElement, bool>? stopWhen = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pull")
        {
            Content = new StringContent($$"""{"model":"{{remote}}","insecure":true}""", Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(200, (int)response.StatusCode);
        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is { Length: > 0 } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            if (stopWhen?.Invoke(lines[^1]) == true)
            {
                await cancel.CancelAsync();
                break;
            }
        }

        return lines;
    }

    /// <summary>Bytes the state files say are written, per part.</summary>
    private static long[] PartialState(string store, string digest)
    {
        var prefix = Path.Combine(store, "blobs", digest.Replace(':', '-') + "-partial-");
        var parts = new List<long>();
        for (var n = 0; File.Exists(prefix + n); n++)
        {
            try
            {
                using var state = JsonDocument.Parse(File.ReadAllBytes(prefix + n));
                parts.Add(state.RootElement.GetProperty("completed").GetInt64());
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                return [];
            }
        }

        return [.. parts];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "condition not reached in 10 s");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancelledPull_Resumes_WithoutRequestingFinishedPartsAgain(bool restartServer)
    {
        var remote = Remote(_repository + (restartServer ? "r" : "c"));
        await PushAsync(remote);
        var model = ModelLayer();
        var boundary = (model.Size / 2 + Part - 1) / Part * Part;

        var store = Path.Combine(_work, "target-store");
        var server = await CorralServer.StartAsync(ServerFixture.Settings(store), TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            var recorder = Configure(server);
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (held, dropped) = (0, 0);
            recorder.Gate = async (from, ct) =>
            {
                if (from >= boundary)
                {
                    Interlocked.Increment(ref held);
                    try
                    {
                        await released.Task.WaitAsync(ct);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref dropped);
                        throw;
                    }
                }
            };

            // Parts before the boundary finish; those after it are held back; the client gives up there.
            var first = await PullAsync(http, remote, stopWhen: l => l.Str("digest") == model.Digest && l.Long("completed") >= boundary);
            Assert.DoesNotContain(first, l => l.Str("status") == "success");
            // The server notices the client left and abandons the download: every held request is cancelled.
            await WaitUntilAsync(() => Volatile.Read(ref held) > 0 && Volatile.Read(ref dropped) == Volatile.Read(ref held));
            await WaitUntilAsync(() => PartialState(store, model.Digest).Sum() == boundary);
            var finished = PartialState(store, model.Digest);
            Assert.Equal((int)(boundary / Part), finished.Count(c => c == Part));
            Assert.False(File.Exists(Path.Combine(store, "blobs", model.Digest.Replace(':', '-'))));
            released.SetResult();

            if (restartServer)
            {
                // A new server on the same store: it finds the partial download (young, so not pruned) and resumes it.
                http.Dispose();
                await server.DisposeAsync();
                server = await CorralServer.StartAsync(ServerFixture.Settings(store), TestContext.Current.CancellationToken);
                http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
                recorder = Configure(server);
                Assert.Equal(finished, PartialState(store, model.Digest));
            }

            var mark = recorder.Requests.Count;
            var downloadedBefore = server.Services.GetRequiredService<RegistryStatistics>().BytesDownloaded;
            var second = await PullAsync(http, remote);
            Assert.Equal("success", second[^1].Str("status"));
            // Progress jumps from nothing to the finished parts: it never counts the first half again.
            Assert.DoesNotContain(second, l => l.Str("digest") == model.Digest && l.Long("completed") is > 0 and var c && c < boundary);
            Assert.Contains(second, l => l.Str("digest") == model.Digest && l.Long("completed") == model.Size);

            var ranged = recorder.Requests.Skip(mark).Where(r => r.Method == HttpMethod.Get && r.RangeFrom is not null && r.Uri.AbsolutePath.EndsWith(model.Digest, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ranged);
            Assert.All(ranged, r => Assert.True(r.RangeFrom >= boundary, $"range {r.RangeFrom}-{r.RangeTo} was already downloaded"));
            Assert.All(ranged, r => Assert.Equal(206, r.Status));
            Assert.Equal(model.Size - boundary, ranged.Sum(r => r.RangeTo!.Value - r.RangeFrom!.Value + 1));
            Assert.Equal(model.Size - boundary, server.Services.GetRequiredService<RegistryStatistics>().BytesDownloaded - downloadedBefore);

            var blob = Path.Combine(store, "blobs", model.Digest.Replace(':', '-'));
            Assert.Equal(model.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob, TestContext.Current.CancellationToken))));
            Assert.DoesNotContain(Directory.GetFiles(Path.Combine(store, "blobs")), f => f.Contains("partial", StringComparison.Ordinal));
            using var generate = await http.PostAsync("/api/generate", new StringContent(
                $$"""{"model":"{{remote}}","prompt":"Once","stream":false,"options":{"num_predict":2} }""", Encoding.UTF8, "application/json"),
                TestContext.Current.CancellationToken);
            Assert.Equal(200, (int)generate.StatusCode);
        }
        finally
        {
            http.Dispose();
            await server.DisposeAsync();
        }
    }

    private static RecordingHandler Configure(RunningServer server)
    {
        var options = server.Services.GetRequiredService<RegistryOptions>();
        options.AllowPrivateAddresses = true;
        options.MinPartSize = Part;
        options.MaxPartSize = Part;
        options.MaxParallelParts = 4;
        options.InitialBackoff = TimeSpan.FromMilliseconds(20);
        RecordingHandler? recorder = null;
        options.WrapHandler = inner => recorder = new RecordingHandler(inner);
        server.Services.GetRequiredService<RegistryClient>();
        return recorder!;
    }

    [Fact]
    public async Task Push_UploadsInChunks_ThenMountsTheSharedLayerIntoAnotherRepository()
    {
        var model = ModelLayer();
        await PushAsync(Remote(_repository));
        var patches = _sourceRecorder.Requests.Where(r => r.Method == HttpMethod.Patch).ToList();
        Assert.All(patches, p => Assert.Equal(202, p.Status));

        // Each upload session has its own location; the model's is the one whose chunks add up to its size.
        var sessions = patches.GroupBy(p => p.Uri.AbsolutePath)
            .Select(g => g.Select(p => p.ContentRange!.Split('-').Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList())
            .Where(g => g.Sum(r => r[1] - r[0] + 1) == model.Size).ToList();
        Assert.True(sessions.Count == 1, string.Join(" | ", patches.Select(p => $"{p.Uri.AbsolutePath} {p.ContentRange}")));
        var chunks = sessions[0];
        Assert.Equal((int)((model.Size + Part - 1) / Part), chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.Equal(i * Part, chunks[i][0]);
            Assert.Equal(Math.Min(model.Size, (i + 1) * Part) - 1, chunks[i][1]);
        }

        using var registryHttp = new HttpClient();
        var bytes = await registryHttp.GetByteArrayAsync($"http://{registry.Authority}/v2/library/{_repository}/blobs/{model.Digest}", TestContext.Current.CancellationToken);
        Assert.Equal(model.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));

        // A second repository on the same registry: the layer is mounted from the first, its bytes are not sent again.
        var uploadedBefore = _source.Statistics().BytesUploaded;
        var mark = _sourceRecorder.Requests.Count;
        var other = $"{registry.Authority}/other/{_repository}:latest";
        await PushAsync(other);
        var second = _sourceRecorder.Requests.Skip(mark).ToList();
        Assert.Contains(second, r => r.Method == HttpMethod.Post && r.Uri.Query.Contains($"mount={model.Digest}", StringComparison.Ordinal)
            && r.Uri.Query.Contains($"from=library%2F{_repository}", StringComparison.Ordinal) && r.Status == 201);
        Assert.DoesNotContain(second, r => r.Method == HttpMethod.Patch);
        Assert.Equal(0, _source.Statistics().BytesUploaded - uploadedBefore);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"http://{registry.Authority}/v2/other/{_repository}/blobs/{model.Digest}");
        using var headResponse = await registryHttp.SendAsync(head, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)headResponse.StatusCode);
        Assert.Equal(model.Size, headResponse.Content.Headers.ContentLength);
        using var manifest = new HttpRequestMessage(HttpMethod.Get, $"http://{registry.Authority}/v2/other/{_repository}/manifests/latest");
        manifest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        Assert.Equal(200, (int)(await registryHttp.SendAsync(manifest, TestContext.Current.CancellationToken)).StatusCode);
    }
}
