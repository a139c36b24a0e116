using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Core.Tests.Scheduling;

/// <summary><c>CORRAL_MAX_QUEUE</c> bounds every request not yet served, including those waiting for a free sequence
/// of a model that is already loaded (the runner's own wait), not only those waiting for a load.</summary>
public sealed class QueueBoundTests : IAsyncLifetime
{
    private readonly FakeRunnerFactory _runners = new();
    private readonly string _root = Directory.CreateTempSubdirectory("corral-queue-").FullName;
    private ModelScheduler _scheduler = null!;
    private InferenceService _service = null!;

    public async ValueTask InitializeAsync()
    {
        var store = new ModelStore(_root);
        var prompts = new PromptRenderer(NullLogger<PromptRenderer>.Instance);
        await using (var file = File.OpenRead(TestModels.Stories260K))
        {
            var digest = await store.Blobs.WriteAsync(file, null, TestContext.Current.CancellationToken);
            var create = new CreateRequest { Model = "m", Files = new() { ["m.gguf"] = digest.ToString() } };
            await foreach (var _ in new ModelCreator(store, prompts).CreateAsync(create, TestContext.Current.CancellationToken))
            {
            }
        }

        var time = new FakeTimeProvider();
        var settings = new CoreSettings { ModelsDirectory = _root, DefaultContextLength = 256, MaxQueue = 2 };
        _scheduler = new ModelScheduler(_runners, settings.ToSchedulerOptions(), time, NullLogger<ModelScheduler>.Instance);
        _service = new InferenceService(store, _scheduler, new ModelCatalog(store, _scheduler, prompts), prompts, settings, time,
            NullLogger<InferenceService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _scheduler.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

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
