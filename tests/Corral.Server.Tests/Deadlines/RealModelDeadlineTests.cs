using System.Text;
using System.Text.Json;
using Corral.TestKit;

namespace Corral.Server.Tests.Deadlines;

/// <summary>
/// A deadline over the real engine: stories260K serving one sequence at a time, a long answer holding it, and a
/// second request with <c>X-Corral-Timeout</c> on a fake clock that moves on once that deadline runs. The second
/// request gets a 504 in its protocol's shape; the long answer is not disturbed.
/// </summary>
public sealed class RealModelDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(7);
    private readonly DeadlineClock _clock = new();
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = new ServerFixture(s => s with { Time = _clock, Core = s.Core with { NumParallel = 1, NumParallelIsDefault = false } });
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(Protocol.Native, null)]
    [InlineData(Protocol.OpenAI, "api_error")]
    [InlineData(Protocol.Anthropic, "timeout_error")]
    public async Task QueuedBehindALongAnswer_TheDeadlinePasses_Is504_InTheProtocolsShape(string protocol, string? type)
    {
        using var longRequest = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent("""{"model":"stories","prompt":"Once upon a time","options":{"num_predict":100000}}""", Encoding.UTF8, "application/json"),
        };
        using var longResponse = await _server.Http.SendAsync(longRequest, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var longReader = new StreamReader(await longResponse.Content.ReadAsStreamAsync(Ct));
        var first = JsonDocument.Parse((await longReader.ReadLineAsync(Ct))!).RootElement;
        Assert.False(first.GetProperty("done").GetBoolean()); // the long answer has begun and holds the only sequence

        var (path, body) = Protocol.Request(protocol, "stories");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Corral-Timeout", "7s");
        var running = _clock.TimerCreated(Limit);
        var queued = _server.Http.SendAsync(request, Ct);
        await running.WaitAsync(Ct);
        _clock.Advance(Limit);
        using var response = await queued;

        Assert.Equal(504, (int)response.StatusCode);
        var (errorType, message) = Protocol.Error(protocol, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(type, errorType);
        Assert.StartsWith("request timed out after 7s ", message, StringComparison.Ordinal);

        // The long answer is still streaming: no deadline of its own, none of the other's.
        var next = JsonDocument.Parse((await longReader.ReadLineAsync(Ct))!).RootElement;
        Assert.False(next.TryGetProperty("error", out _));
        Assert.NotEqual("deadline", next.TryGetProperty("done_reason", out var reason) ? reason.GetString() : null);
    }
}
