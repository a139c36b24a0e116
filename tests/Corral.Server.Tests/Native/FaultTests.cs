using Corral.Inference;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>Faults a real model cannot be made to produce on demand, through a real server with a scripted runner.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly FakeRunnerFactory _runners = new();
    private readonly string _store = Directory.CreateTempSubdirectory("corral-faults-").FullName;
    private RunningServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await CorralServer.StartAsync(ServerFixture.Settings(_store) with { RunnerFactory = _runners }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }

    private async Task<(int Status, string Body)> Post(string path, string json)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var response = await http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task CreateModel()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var bytes = await File.ReadAllBytesAsync(TestModels.Stories260K, TestContext.Current.CancellationToken);
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await http.PostAsync($"/api/blobs/{digest}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken);
        var (status, body) = await Post("/api/create", $$"""{"model":"m","files":{"m.gguf":"{{digest}}"},"stream":false}""");
        Assert.True(status == 200, body);
    }

    [Fact]
    public async Task ErrorAfterStreamingBegan_IsAFinalErrorLine_With200()
    {
        await CreateModel();
        _runners.Tokens = _ => Explode();
        var (status, body) = await Post("/api/generate", """{"model":"m","prompt":"hi"}""");
        Assert.Equal(200, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("one", Http.Json(lines[0]).GetProperty("response").GetString());
        Assert.Equal("two", Http.Json(lines[1]).GetProperty("response").GetString());
        Assert.Equal("internal error: InvalidOperationException", Http.Error(lines[2]));

        static IEnumerable<string> Explode()
        {
            yield return "one";
            yield return "two";
            throw new InvalidOperationException("native decode failed at /secret/path");
        }
    }

    [Fact]
    public async Task LoadFailure_BeforeAnyOutput_Is500WithTheEngineMessage_AndTheNextRequestRetries()
    {
        await CreateModel();
        _runners.OnLoad = (_, _) => throw new ModelLoadException("error loading model: unsupported architecture");
        var (status, body) = await Post("/api/chat", """{"model":"m","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(500, status);
        Assert.Equal("error loading model: unsupported architecture", Http.Error(body));

        _runners.OnLoad = null;
        var (ok, _) = await Post("/api/chat", """{"model":"m","messages":[{"role":"user","content":"x"}],"stream":false}""");
        Assert.Equal(200, ok);
    }

    [Fact]
    public async Task DnsRebinding_ForeignHostHeader_Is403()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tags");
        request.Headers.Host = "attacker.example.com";
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/tags");
        local.Headers.Host = "localhost:11434";
        using var allowed = await http.SendAsync(local, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, allowed.StatusCode);
    }
}
