using System.Net.Http.Headers;
using System.Text;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>Back-pressure through a real server: with <c>CORRAL_MAX_QUEUE</c> requests already waiting for a model (its
/// load held open by a scripted runner), one more is refused at once with each API's busy answer and <c>Retry-After</c>.</summary>
public sealed class QueueFullTests : IAsyncLifetime
{
    private readonly FakeRunnerFactory _runners = new();
    private readonly string _store = Directory.CreateTempSubdirectory("corral-queue-").FullName;
    private RunningServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = ServerFixture.Settings(_store);
        _server = await CorralServer.StartAsync(settings with { RunnerFactory = _runners, Core = settings.Core with { MaxQueue = 1 } }, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_full_queue_is_refused_at_once_with_retry_after_on_every_api()
    {
        var bytes = await File.ReadAllBytesAsync(TestModels.Stories260K, TestContext.Current.CancellationToken);
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        (await _http.PostAsync($"/api/blobs/{digest}", new ByteArrayContent(bytes), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await Post("/api/create", $$"""{"model":"m","files":{"m.gguf":"{{digest}}"},"stream":false}""")).EnsureSuccessStatusCode();

        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runners.OnLoad = async (_, _) =>
        {
            loading.TrySetResult();
            await release.Task;
        };
        var waiting = Post("/api/generate", """{"model":"m","prompt":"hi","stream":false}""");
        await loading.Task.WaitAsync(TestContext.Current.CancellationToken);

        using (var native = await Post("/api/generate", """{"model":"m","prompt":"hi"}"""))
        {
            Assert.Equal(503, (int)native.StatusCode);
            Assert.Equal(RetryAfterConditionHeaderValue(), native.Headers.RetryAfter);
            Assert.Equal("server busy, please try again.  maximum pending requests exceeded",
                Http.Error(await native.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }

        using (var openai = await Post("/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}"""))
        {
            Assert.Equal(503, (int)openai.StatusCode);
            Assert.Equal(RetryAfterConditionHeaderValue(), openai.Headers.RetryAfter);
            var error = Http.Json(await openai.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("error");
            Assert.Equal("server_busy", error.GetProperty("code").GetString());
        }

        using (var anthropic = await Post("/v1/messages", """{"model":"m","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}"""))
        {
            Assert.Equal(529, (int)anthropic.StatusCode);
            Assert.Equal(RetryAfterConditionHeaderValue(), anthropic.Headers.RetryAfter);
            var error = Http.Json(await anthropic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("error");
            Assert.Equal("overloaded_error", error.GetProperty("type").GetString());
        }

        Assert.False(waiting.IsCompleted);
        release.SetResult();
        using var answered = await waiting;
        Assert.Equal(200, (int)answered.StatusCode);
        Assert.Equal(1, _runners.Loads);
    }

    private static RetryConditionHeaderValue RetryAfterConditionHeaderValue() => new(TimeSpan.FromSeconds(1));
}
