using System.Text;
using System.Text.Json;
using Corral.TestKit;

namespace Corral.Server.Tests.Deadlines;

/// <summary>
/// <c>X-Corral-Timeout</c> over a real server on a fake clock: time moves on only once the deadline is running, so
/// nothing depends on how fast the machine is. The runner is scripted (its load is held open, so requests queue
/// behind it); the stored model is the real stories260K.
/// </summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(7);
    private readonly DeadlineClock _clock = new();
    private readonly FakeRunnerFactory _runners = new();
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = new ServerFixture(s => s with { Time = _clock, RunnerFactory = _runners });
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<(int Status, string Body, HttpResponseMessage Response)> Send(string protocol, string? timeout)
    {
        var (path, body) = Protocol.Request(protocol, "stories");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (timeout is not null)
        {
            request.Headers.Add("X-Corral-Timeout", timeout);
        }

        var response = await _server.Http.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    [Theory]
    [InlineData(Protocol.Native, null)]
    [InlineData(Protocol.OpenAI, "api_error")]
    [InlineData(Protocol.Anthropic, "timeout_error")]
    public async Task QueuedBehindALongLoad_TheDeadlinePasses_Is504_InTheProtocolsShape_AndTheOthersGoOn(string protocol, string? type)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runners.OnLoad = (_, _) => gate.Task;
        var patient = Send(Protocol.Native, null); // no deadline: waits for the load as long as it takes

        var running = _clock.TimerCreated(Limit);
        var queued = Send(protocol, "7s");
        await running.WaitAsync(Ct);
        _clock.Advance(Limit);
        var (status, body, response) = await queued;
        response.Dispose();

        Assert.Equal(504, status);
        var (errorType, message) = Protocol.Error(protocol, body);
        Assert.Equal(type, errorType);
        Assert.Equal("request timed out after 7s waiting for model 'stories:latest'", message);

        gate.SetResult();
        var (patientStatus, patientBody, patientResponse) = await patient;
        patientResponse.Dispose();
        Assert.Equal(200, patientStatus);
        Assert.Equal("stop", JsonDocument.Parse(patientBody).RootElement.GetProperty("done_reason").GetString());
        Assert.Equal(1, _runners.Loads);
    }

    [Theory]
    [InlineData(Protocol.Native, "soon", null)]
    [InlineData(Protocol.Native, "-1", null)]
    [InlineData(Protocol.OpenAI, "1 minute", "invalid_request_error")]
    [InlineData(Protocol.Anthropic, "48h", "invalid_request_error")]
    public async Task MalformedHeader_Is400_NamingTheHeader(string protocol, string value, string? type)
    {
        var (status, body, response) = await Send(protocol, value);
        response.Dispose();
        Assert.Equal(400, status);
        var (errorType, message) = Protocol.Error(protocol, body);
        Assert.Equal(type, errorType);
        Assert.StartsWith("invalid X-Corral-Timeout header: ", message, StringComparison.Ordinal);
        if (protocol == Protocol.OpenAI)
        {
            Assert.Equal("X-Corral-Timeout", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task ADeadlineThatDoesNotPass_ChangesNothing()
    {
        var (status, body, response) = await Send(Protocol.Native, "1m");
        Assert.False(response.Headers.Contains("X-Corral-Stop-Reason"));
        response.Dispose();
        Assert.Equal(200, status);
        Assert.NotEqual("deadline", JsonDocument.Parse(body).RootElement.GetProperty("done_reason").GetString());
    }
}
