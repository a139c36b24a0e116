using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corral.Core;
using Corral.Server;

namespace Corral.Bench.Decode;

/// <summary>
/// (c) the same greedy decode through a real Corral server on loopback: streamed <c>/api/generate</c> read by an HTTP
/// client, timed at the client (so HTTP, JSON, scheduling and flushing per token are all inside the measurement).
/// </summary>
internal sealed class HttpLoop : IDisposable
{
    private readonly RunningServer _server;
    private readonly HttpClient _http;
    private readonly string _store;

    private HttpLoop(RunningServer server, string store)
    {
        _server = server;
        _store = store;
        _http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public static HttpLoop Start(string modelPath, int contextLength)
    {
        var store = Directory.CreateTempSubdirectory("corral-bench-").FullName;
        var server = CorralServer.StartAsync(new ServerSettings
        {
            Port = 0,
            Core = new CoreSettings { ModelsDirectory = store, DefaultContextLength = contextLength },
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, CancellationToken.None).GetAwaiter().GetResult();
        var loop = new HttpLoop(server, store);
        loop.Create(modelPath);
        return loop;
    }

    /// <summary>Decodes up to <paramref name="maxTokens"/>; returns tokens decoded after the first and the time they took.</summary>
    public (int Tokens, TimeSpan Elapsed) Run(string prompt, int maxTokens, int contextLength)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = "bench",
            ["prompt"] = prompt,
            ["raw"] = true,
            ["options"] = new Dictionary<string, object>
            {
                ["temperature"] = 0, ["repeat_penalty"] = 1, ["num_predict"] = maxTokens, ["num_ctx"] = contextLength,
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var start = Stopwatch.GetTimestamp();
        using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content.ReadAsStream());
        string? last = null;
        while (reader.ReadLine() is { } line)
        {
            last = line;
        }

        var wall = Stopwatch.GetElapsedTime(start);
        var done = JsonDocument.Parse(last!).RootElement;
        var promptNs = done.GetProperty("prompt_eval_duration").GetInt64();
        var evalCount = done.GetProperty("eval_count").GetInt32();
        return (evalCount, wall - TimeSpan.FromTicks(promptNs / 100));
    }

    private void Create(string modelPath)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)));
        using (var file = File.OpenRead(modelPath))
        {
            _http.PostAsync($"/api/blobs/{digest}", new StreamContent(file)).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }

        var create = $$"""{"model":"bench","files":{"model.gguf":"{{digest}}"},"stream":false}""";
        _http.PostAsync("/api/create", new StringContent(create, Encoding.UTF8, "application/json")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_store, recursive: true);
    }
}
