using Corral.Api;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Scheduling;
using Corral.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Core.Tests.Deadlines;

/// <summary>Per-request deadlines through the inference service, with a fake clock and a scripted runner (the model
/// in the store is the real stories260K, so its facts are real): nothing here sleeps.</summary>
public sealed class RequestDeadlineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeRunnerFactory _runners = new();
    private InferenceHarness _harness = null!;
    private InferenceService _service = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new CoreSettings { ModelsDirectory = "", DefaultContextLength = 256, MaxQueue = 1 };
        _harness = await InferenceHarness.CreateAsync(_runners, _time, settings, TestContext.Current.CancellationToken);
        _service = _harness.Service;
    }

    public async ValueTask DisposeAsync()
    {
        RequestDeadline.Current = null;
        await _harness.DisposeAsync();
    }

    private static GenerateRequest Prompt() => new() { Model = "m", Prompt = "hi", Raw = true };

    private async Task<List<GenerateResponse>> Generate(CancellationToken cancellationToken)
    {
        var chunks = new List<GenerateResponse>();
        await foreach (var chunk in _service.GenerateAsync(Prompt(), cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task DeadlineWhileWaitingForTheModel_LeavesTheQueue_AndFailsWithTheDeadlineError_WhileTheLoadGoesOn()
    {
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runners.OnLoad = (_, _) =>
        {
            loading.TrySetResult();
            return gate.Task;
        };

        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(2), _time);
        RequestDeadline.Current = deadline;
        var timed = Generate(TestContext.Current.CancellationToken);
        await loading.Task.WaitAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => timed);
        Assert.Equal("request timed out after 2s waiting for model 'm:latest'", error.Message);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.False(deadline.CutShort);

        // The queue holds one request (CORRAL_MAX_QUEUE=1): the timed-out one left it, so this one is admitted and
        // gets the model from the same load, which went on.
        RequestDeadline.Current = null;
        var next = Generate(TestContext.Current.CancellationToken);
        gate.SetResult();
        var chunks = await next;
        Assert.Equal("stop", chunks[^1].DoneReason);
        Assert.Equal(1, _runners.Loads);
    }

    [Fact]
    public async Task DeadlineMidGeneration_StopsAtTheNextToken_AndTheAnswerEndsWithReasonDeadline()
    {
        _runners.Tokens = _ => Endless(_time);
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(3), _time);
        RequestDeadline.Current = deadline;

        var chunks = await Generate(TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], chunks.Where(c => !c.Done).Select(c => c.Response));
        var last = chunks[^1];
        Assert.True(last.Done);
        Assert.Equal("deadline", last.DoneReason);
        Assert.Equal(2, last.EvalCount);
        Assert.Equal(2, last.PromptEvalCount);
        Assert.True(deadline.CutShort);

        static IEnumerable<string> Endless(FakeTimeProvider time)
        {
            yield return "a";
            yield return "b";
            time.Advance(TimeSpan.FromSeconds(3)); // the deadline passes while the third token is being produced
            while (true)
            {
                yield return "x";
            }
        }
    }

    [Fact]
    public async Task DeadlineBeforeTheFirstToken_FailsWithTheDeadlineError()
    {
        _runners.Tokens = _ => Slow(_time);
        using var deadline = new RequestDeadline(TimeSpan.FromMilliseconds(500), _time);
        RequestDeadline.Current = deadline;

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => Generate(TestContext.Current.CancellationToken));
        Assert.StartsWith("request timed out after 500ms before the first token", error.Message, StringComparison.Ordinal);

        static IEnumerable<string> Slow(FakeTimeProvider time)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // prompt processing outlasts the deadline
            yield return "never";
        }
    }

    [Fact]
    public async Task ClientCancel_WithADeadlineSet_IsACancellation_NotADeadline()
    {
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _runners.Tokens = _ => CancelAfterFirst(client);
        using var deadline = new RequestDeadline(TimeSpan.FromMinutes(1), _time);
        RequestDeadline.Current = deadline;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Generate(client.Token));
        Assert.False(deadline.HasPassed);
        Assert.False(deadline.CutShort);

        static IEnumerable<string> CancelAfterFirst(CancellationTokenSource client)
        {
            yield return "a";
            client.Cancel();
            yield return "b";
        }
    }

    [Fact]
    public async Task NoDeadline_TheAnswerIsUnchanged()
    {
        _time.Advance(TimeSpan.FromDays(1));
        var chunks = await Generate(TestContext.Current.CancellationToken);
        Assert.Equal("abc", string.Concat(chunks.Select(c => c.Response)));
        Assert.Equal("stop", chunks[^1].DoneReason);
    }

    [Fact]
    public async Task DeadlineThatDoesNotPass_TheAnswerIsUnchanged()
    {
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(30), _time);
        RequestDeadline.Current = deadline;
        var chunks = await Generate(TestContext.Current.CancellationToken);
        Assert.Equal("abc", string.Concat(chunks.Select(c => c.Response)));
        Assert.Equal("stop", chunks[^1].DoneReason);
        Assert.False(deadline.CutShort);
    }

    [Fact]
    public async Task DeadlineMidChat_EndsWithReasonDeadline()
    {
        _runners.Tokens = _ => Endless(_time);
        using var deadline = new RequestDeadline(TimeSpan.FromSeconds(1), _time);
        RequestDeadline.Current = deadline;
        var chunks = new List<ChatResponse>();
        var request = new ChatRequest { Model = "m", Messages = [new Message { Role = "user", Content = "hi" }] };
        await foreach (var chunk in _service.ChatAsync(request, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("deadline", chunks[^1].DoneReason);
        Assert.Equal(1, chunks[^1].EvalCount);

        static IEnumerable<string> Endless(FakeTimeProvider time)
        {
            yield return "a";
            time.Advance(TimeSpan.FromSeconds(1));
            while (true)
            {
                yield return "x";
            }
        }
    }
}
