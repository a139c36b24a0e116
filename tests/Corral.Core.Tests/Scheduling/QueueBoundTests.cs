using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Core.Tests.Scheduling;

/// <summary><c>CORRAL_MAX_QUEUE</c> bounds every request not yet served, including those waiting for a free sequence
/// of a model that is already loaded (the runner's own wait), not only those waiting for a load.</summary>
public sealed class QueueBoundTests : IAsyncLifetime
{
    private readonly FakeRunnerFactory _runners = new();
    private InferenceHarness _harness = null!;
    private InferenceService _service = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new CoreSettings { ModelsDirectory = "", DefaultContextLength = 256, MaxQueue = 2 };
        _harness = await InferenceHarness.CreateAsync(_runners, new FakeTimeProvider(), settings, TestContext.Current.CancellationToken);
        _service = _harness.Service;
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private async Task<List<GenerateResponse>> Generate()
    {
        var chunks = new List<GenerateResponse>();
        await foreach (var chunk in _service.GenerateAsync(new GenerateRequest { Model = "m", Prompt = "hi", Raw = true }, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task Requests_waiting_for_a_free_sequence_fill_the_queue_and_the_next_is_refused_at_once()
    {
        await Generate(); // the model is loaded
        var waiting = 0;
        var free = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runners.BeforeFirstToken = async (_, cancellationToken) =>
        {
            Interlocked.Increment(ref waiting);
            await free.Task.WaitAsync(cancellationToken);
        };

        var first = Generate();
        var second = Generate();
        while (Volatile.Read(ref waiting) < 2)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<ServerBusyException>(Generate);

        free.SetResult();
        Assert.Equal("stop", (await first)[^1].DoneReason);
        Assert.Equal("stop", (await second)[^1].DoneReason);
        Assert.Equal("stop", (await Generate())[^1].DoneReason); // served requests left the queue
    }

    [Fact]
    public async Task A_request_leaves_the_queue_with_its_first_token_so_long_answers_do_not_count()
    {
        var streaming = new List<IAsyncEnumerator<GenerateResponse>>();
        _runners.Tokens = _ => Enumerable.Repeat("x", 1000);
        for (var i = 0; i < 3; i++)
        {
            var stream = _service.GenerateAsync(new GenerateRequest { Model = "m", Prompt = "hi", Raw = true }, TestContext.Current.CancellationToken)
                .GetAsyncEnumerator(TestContext.Current.CancellationToken);
            Assert.True(await stream.MoveNextAsync()); // served: its first token arrived, its place is free again
            streaming.Add(stream);
        }

        foreach (var stream in streaming)
        {
            await stream.DisposeAsync();
        }
    }
}
