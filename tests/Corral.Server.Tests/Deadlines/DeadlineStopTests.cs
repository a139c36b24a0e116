using System.Text;
using System.Text.Json;
using Corral.TestKit;

namespace Corral.Server.Tests.Deadlines;

/// <summary>
/// A deadline that passes after output began, over a real server with a scripted runner (the clock moves on while
/// the third token is being produced, which a real model cannot be made to do on cue), and the server-wide default
/// deadline (<c>CORRAL_REQUEST_TIMEOUT</c>). The answer ends normally and says why on every API.
/// </summary>
public sealed class DeadlineStopTests : IAsyncLifetime
{
    private readonly DeadlineClock _clock = new();
    private readonly FakeRunnerFactory _runners = new();
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = new ServerFixture(s => s with { Time = _clock, RunnerFactory = _runners, RequestTimeout = TimeSpan.FromSeconds(9) });
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
        _runners.Tokens = _ => Endless(_clock);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Two tokens, then the clock passes any deadline of this test, then tokens for ever.</summary>
    private static IEnumerable<string> Endless(DeadlineClock clock)
    {
        yield return "Once";
        yield return " upon";
        clock.Advance(TimeSpan.FromMinutes(1));
        while (true)
        {
            yield return " more";
        }
    }

    private async Task<(int Status, string Body, string? StopHeader)> Send(string path, string body, string? timeout = "30s")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (timeout is not null)
        {
            request.Headers.Add("X-Corral-Timeout", timeout);
        }

        using var response = await _server.Http.SendAsync(request, Ct);
        var header = response.Headers.TryGetValues("X-Corral-Stop-Reason", out var values) ? string.Join(",", values) : null;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct), header);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Native_Streamed_TheLastLineHasDoneReasonDeadline()
    {
        var (status, body, _) = await Send("/api/generate", """{"model":"stories","prompt":"hi","raw":true,"options":{"num_predict":100000}}""");
        Assert.Equal(200, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Json).ToList();
        Assert.Equal("Once upon", string.Concat(lines.Select(l => l.GetProperty("response").GetString())));
        var last = lines[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("deadline", last.GetProperty("done_reason").GetString());
        Assert.Equal(2, last.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task Native_Folded_SaysDeadline_InTheBodyAndTheHeader()
    {
        var (status, body, header) = await Send("/api/chat", Protocol.Request(Protocol.Native, "stories").Body);
        Assert.Equal(200, status);
        Assert.Equal("deadline", Json(body).GetProperty("done_reason").GetString());
        Assert.Equal("deadline", header);
    }

    [Fact]
    public async Task OpenAI_FinishReasonIsLength_AndTheExtensionSaysDeadline_FoldedAndStreamed()
    {
        var (status, body, header) = await Send("/v1/chat/completions", Protocol.Request(Protocol.OpenAI, "stories").Body);
        Assert.Equal(200, status);
        var choice = Json(body).GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("deadline", choice.GetProperty("corral_stop_reason").GetString());
        Assert.Equal("deadline", header);

        var (streamStatus, stream, _) = await Send("/v1/chat/completions", Protocol.Request(Protocol.OpenAI, "stories", stream: true).Body);
        Assert.Equal(200, streamStatus);
        var final = SseData(stream).Select(Json).Select(c => c.GetProperty("choices")[0]).Last(c => c.GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        Assert.Equal("length", final.GetProperty("finish_reason").GetString());
        Assert.Equal("deadline", final.GetProperty("corral_stop_reason").GetString());
    }

    [Fact]
    public async Task Anthropic_StopReasonIsMaxTokens_AndTheExtensionSaysDeadline_FoldedAndStreamed()
    {
        var (status, body, header) = await Send("/v1/messages", Protocol.Request(Protocol.Anthropic, "stories").Body);
        Assert.Equal(200, status);
        Assert.Equal("max_tokens", Json(body).GetProperty("stop_reason").GetString());
        Assert.Equal("deadline", header);

        var (streamStatus, stream, _) = await Send("/v1/messages", Protocol.Request(Protocol.Anthropic, "stories", stream: true).Body);
        Assert.Equal(200, streamStatus);
        var delta = SseData(stream).Select(Json).Single(e => e.GetProperty("type").GetString() == "message_delta").GetProperty("delta");
        Assert.Equal("max_tokens", delta.GetProperty("stop_reason").GetString());
        Assert.Equal("deadline", delta.GetProperty("corral_stop_reason").GetString());
    }

    [Fact]
    public async Task WithoutTheHeader_TheServerDefaultApplies_AndTheHeaderWinsOverIt()
    {
        _runners.Tokens = null; // "a", "b", "c": no time passes while generating
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runners.OnLoad = (_, _) => gate.Task;
        var running = _clock.TimerCreated(TimeSpan.FromSeconds(9));
        var waiting = Send("/api/generate", """{"model":"stories","prompt":"hi","raw":true,"stream":false}""", timeout: null);
        await running.WaitAsync(Ct);
        _clock.Advance(TimeSpan.FromSeconds(9));
        var (status, body, _) = await waiting;
        Assert.Equal(504, status);
        Assert.Equal("request timed out after 9s waiting for model 'stories:latest'", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

        // X-Corral-Timeout: 0 removes the default deadline for this request.
        var unlimited = Send("/api/generate", """{"model":"stories","prompt":"hi","raw":true,"stream":false}""", timeout: "0");
        _clock.Advance(TimeSpan.FromMinutes(10));
        gate.SetResult();
        var (okStatus, okBody, okHeader) = await unlimited;
        Assert.Equal(200, okStatus);
        Assert.Equal("stop", Json(okBody).GetProperty("done_reason").GetString());
        Assert.Null(okHeader);
    }

    [Fact]
    public void TheDefaultIsReadFromTheEnvironment_AndAnInvalidOneStopsTheStart()
    {
        static string? Lookup(string name, string value) => name == "CORRAL_REQUEST_TIMEOUT" ? value : null;
        Assert.Equal(TimeSpan.FromSeconds(90), ServerSettings.FromEnvironment(n => Lookup(n, "1m30s")).RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), ServerSettings.FromEnvironment(n => Lookup(n, "45")).RequestTimeout);
        Assert.Null(ServerSettings.FromEnvironment(n => Lookup(n, "0")).RequestTimeout);
        Assert.Null(ServerSettings.FromEnvironment(_ => null).RequestTimeout);
        var error = Assert.Throws<InvalidOperationException>(() => ServerSettings.FromEnvironment(n => Lookup(n, "-3s")));
        Assert.StartsWith("CORRAL_REQUEST_TIMEOUT: ", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SseData(string stream) =>
        stream.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).Where(d => d != "[DONE]");
}
