using System.Diagnostics;
using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class ParallelStoriesFixture : RunnerFixture
{
    protected override RunnerLoadRequest Request => new() { ModelPath = TestModels.Stories260K, ContextLength = 256, Parallel = 4, BatchSize = 32 };
}

public sealed class ParallelTinyLlamaFixture : RunnerFixture
{
    protected override RunnerLoadRequest Request => new() { ModelPath = TestModels.TinyLlama, ContextLength = 192, Parallel = 4, BatchSize = 64 };
}

/// <summary>Continuous batching: several sequences decoded together in one context, each as if it ran alone.</summary>
public sealed class StoriesBatchingTests(ParallelStoriesFixture fixture) : IClassFixture<ParallelStoriesFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task Concurrent_streams_produce_what_each_produces_alone()
    {
        await Batching.AssertConcurrentMatchesAlone(Runner, ["Once upon a time, there was a little girl", "Tom and his dog went to the park", "The sun was", "Lily wanted to play with her big red ball"], Ct);
    }

    [Fact]
    public async Task Info_reports_one_shared_kv_pool()
    {
        var info = Runner.Info;
        Assert.Equal(256, info.ContextLength);
        Assert.Equal(4, info.Parallel);
        Assert.True(info.KvCacheShared);
        Assert.Equal(256 * 4, info.KvCacheTokens); // short contexts: a full one per sequence
        Assert.True(info.KvCacheBytes > 0);
        Assert.True(info.SizeBytes > info.KvCacheBytes);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Requests_beyond_parallel_wait_in_order_and_a_cancelled_waiter_leaves_the_queue()
    {
        // Four streams whose readers stop after one chunk keep all four slots busy; the next requests wait.
        var busy = new List<IAsyncEnumerator<RunnerChunk>>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var stream = Runner.GenerateAsync(Generation.Prompt(Runner, "Once upon a time" + new string('.', i), 200), Ct).GetAsyncEnumerator(Ct);
                busy.Add(stream);
                Assert.True(await stream.MoveNextAsync());
            }

            using var cancelWaiter = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var cancelled = Generation.RunAsync(Runner, Generation.Prompt(Runner, "The dog", 5), cancelWaiter.Token);
            var first = Generation.RunAsync(Runner, Generation.Prompt(Runner, "The cat", 5), Ct);
            var second = Generation.RunAsync(Runner, Generation.Prompt(Runner, "The bird", 200), Ct);
            await Task.Delay(200, Ct);
            Assert.False(first.IsCompleted);
            Assert.False(second.IsCompleted);
            await cancelWaiter.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

            // One slot frees: the oldest live waiter gets it, the next keeps waiting.
            await busy[0].DisposeAsync();
            busy.RemoveAt(0);
            Assert.Equal(5, (await first).Stats.GeneratedTokens);
            await busy[0].DisposeAsync();
            busy.RemoveAt(0);
            Assert.True((await second).Stats.GeneratedTokens > 0);
        }
        finally
        {
            foreach (var stream in busy)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Cancelling_one_stream_leaves_the_others_running()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var alone = await Generation.RunAsync(Runner, Generation.Prompt(Runner, "The sun was", 40), Ct);
        var other = Generation.RunAsync(Runner, Generation.Prompt(Runner, "The sun was", 40), Ct);
        var watch = new Stopwatch();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in Runner.GenerateAsync(Generation.Prompt(Runner, "Once upon a time", -1, new SamplingOptions { Temperature = 1, Seed = 9 }), cts.Token))
            {
                watch.Start();
                await cts.CancelAsync();
            }
        });
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {watch.Elapsed}");
        Assert.Equal(alone.Tokens, (await other).Tokens);
    }

    [Fact]
    public async Task A_reader_that_stops_reading_does_not_stall_the_others()
    {
        var stalled = Runner.GenerateAsync(Generation.Prompt(Runner, "Once upon a time", 200), Ct).GetAsyncEnumerator(Ct);
        try
        {
            Assert.True(await stalled.MoveNextAsync()); // then never read again while the others run
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Generation.RunAsync(Runner, Generation.Prompt(Runner, "Tom and his dog", 60 + i), Ct)));
            Assert.All(results, r => Assert.True(r.Stats.GeneratedTokens > 0));
        }
        finally
        {
            await stalled.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_shared_prefix_is_copied_from_another_sequence()
    {
        var prefix = string.Join(" ", Enumerable.Repeat("Once upon a time, there was a little girl named Lily. She liked to play in the park with her dog.", 2));
        var first = Generation.Prompt(Runner, prefix + " One day", 120);
        var second = Generation.Prompt(Runner, prefix + " Tom said", 20);
        var prefixLength = Runner.Tokenize(prefix, true, false).Length;

        var cold = await Batching.ColdRunAsync(TestModels.Stories260K, second, Ct);

        // The first request is still generating when the second arrives, so the second must use another slot.
        await using var stream = Runner.GenerateAsync(first, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await stream.MoveNextAsync());
        var warm = await Generation.RunAsync(Runner, second, Ct);
        while (await stream.MoveNextAsync())
        {
        }

        Assert.True(warm.Stats.CachedPromptTokens >= prefixLength - 1, $"cached {warm.Stats.CachedPromptTokens} of a {prefixLength}-token prefix");
        Assert.Equal(cold.Tokens, warm.Tokens);
        Assert.Equal(cold.Text, warm.Text);
        TestContext.Current.TestOutputHelper?.WriteLine($"prompt {second.PromptTokens.Length} tokens: cold {cold.Stats.PromptDuration.TotalMilliseconds:F2} ms, warm {warm.Stats.PromptDuration.TotalMilliseconds:F2} ms");
    }
}

public sealed class TinyLlamaBatchingTests(ParallelTinyLlamaFixture fixture) : IClassFixture<ParallelTinyLlamaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task Four_concurrent_greedy_streams_produce_what_each_produces_alone()
    {
        string[] prompts = ["Once upon a time, there was a little girl", "Tom and his dog went to the park", "The sun was", "Lily wanted to play with her big red ball"];
        var requests = prompts.Select((p, i) => Generation.Prompt(Runner, p, 48 + 4 * i)).ToArray();
        var alone = new List<GenerationResult>();
        await using (var single = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = TestModels.TinyLlama, ContextLength = 192, BatchSize = 64 }, null, Ct))
        {
            foreach (var request in requests)
            {
                alone.Add(await Generation.RunAsync(single, request, Ct));
            }
        }

        await using var fresh = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = TestModels.TinyLlama, ContextLength = 192, Parallel = 4, BatchSize = 64 }, null, Ct);
        var together = await Task.WhenAll(requests.Select(r => Generation.RunAsync(fresh, r, Ct)));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Text, together[i].Text);
        }
    }

    [Fact]
    public async Task Next_turn_and_shared_system_prompt_reuse_cached_tokens_and_match_a_cold_run()
    {
        var system = "You are a storyteller. You tell short, happy stories about animals who live in a big green forest near a river. ";
        var turn1 = Generation.Prompt(Runner, system + "Tell me about a fox.", 24);
        var result1 = await Generation.RunAsync(Runner, turn1, Ct);

        // A chat's next turn: the whole previous exchange is the prefix.
        var turn2 = new GenerationRequest
        {
            PromptTokens = [.. turn1.PromptTokens, .. result1.Tokens, .. Runner.Tokenize(" And a bear?", false, false)],
            MaxTokens = 16,
            Sampling = Generation.Greedy,
        };
        // Another client with the same system prompt, started while the next turn is running.
        var other = Generation.Prompt(Runner, system + "Tell me about an owl.", 16);

        var coldTurn2 = await Batching.ColdRunAsync(TestModels.TinyLlama, turn2, Ct);
        var coldOther = await Batching.ColdRunAsync(TestModels.TinyLlama, other, Ct);

        var warm = await Task.WhenAll(Generation.RunAsync(Runner, turn2, Ct), Generation.RunAsync(Runner, other, Ct));

        Assert.True(warm[0].Stats.CachedPromptTokens >= turn1.PromptTokens.Length + result1.Tokens.Length - 1, $"cached {warm[0].Stats.CachedPromptTokens}");
        Assert.True(warm[1].Stats.CachedPromptTokens >= Runner.Tokenize(system, true, false).Length - 1, $"cached {warm[1].Stats.CachedPromptTokens}");
        Assert.Equal(coldTurn2.Tokens, warm[0].Tokens);
        Assert.Equal(coldOther.Tokens, warm[1].Tokens);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"turn 2 ({turn2.PromptTokens.Length} tokens): cold {coldTurn2.Stats.PromptDuration.TotalMilliseconds:F1} ms, warm {warm[0].Stats.PromptDuration.TotalMilliseconds:F1} ms; " +
            $"shared system prompt ({other.PromptTokens.Length} tokens): cold {coldOther.Stats.PromptDuration.TotalMilliseconds:F1} ms, warm {warm[1].Stats.PromptDuration.TotalMilliseconds:F1} ms");
    }
}

public sealed class PromptChunkingTests
{
    [Fact]
    public async Task A_long_new_prompt_is_processed_in_chunks_between_generation_steps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.TinyLlama, ContextLength = 256, Parallel = 2, BatchSize = 16 }, null, ct);
        var arrivals = new List<long>();
        var firstChunk = new TaskCompletionSource();
        var generating = Task.Run(async () =>
        {
            var request = Generation.Prompt(runner, "Once upon a time", 200, new SamplingOptions { Temperature = 1, Seed = 1, TopK = 0, TopP = 1 });
            await foreach (var chunk in runner.GenerateAsync(request, ct))
            {
                lock (arrivals)
                {
                    arrivals.Add(Stopwatch.GetTimestamp());
                }

                firstChunk.TrySetResult();
            }
        }, ct);
        await firstChunk.Task;

        // 200 prompt tokens at 15 per step (one batch slot goes to the generating stream): about 14 steps.
        var longPrompt = Enumerable.Range(0, 200).Select(i => 100 + (i * 37 % 5000)).Prepend(1).Take(200).ToArray();
        var submitted = Stopwatch.GetTimestamp();
        long firstOfLong = 0;
        await foreach (var chunk in runner.GenerateAsync(new GenerationRequest { PromptTokens = longPrompt, MaxTokens = 1, Sampling = Generation.Greedy }, ct))
        {
            firstOfLong = firstOfLong == 0 ? Stopwatch.GetTimestamp() : firstOfLong;
        }

        await generating;
        int during;
        lock (arrivals)
        {
            during = arrivals.Count(t => t > submitted && t < firstOfLong);
        }

        Assert.True(during >= 3, $"the generating stream got {during} chunks while the long prompt was processed");
    }
}

internal static class Batching
{
    /// <summary>Runs each prompt alone, then all together (greedy plus a seeded sampler each), and compares.</summary>
    public static async Task AssertConcurrentMatchesAlone(IModelRunner runner, string[] prompts, CancellationToken ct)
    {
        var requests = prompts.SelectMany((p, i) => new[]
        {
            Generation.Prompt(runner, p, 24 + 8 * i),
            Generation.Prompt(runner, p, 20 + 4 * i, new SamplingOptions { Temperature = 0.9f, Seed = 100 + i, RepeatPenalty = 1.1f }),
        }).ToArray();

        var alone = new List<GenerationResult>();
        foreach (var request in requests)
        {
            alone.Add(await Generation.RunAsync(runner, request, ct));
        }

        // Different lengths, so streams join and leave while others are running; more requests than slots, so some wait.
        var together = await Task.WhenAll(requests.Select(r => Generation.RunAsync(runner, r, ct)));
        var diffs = Enumerable.Range(0, requests.Length).Where(i => !alone[i].Tokens.SequenceEqual(together[i].Tokens))
            .Select(i => $"#{i} at {alone[i].Tokens.Zip(together[i].Tokens).TakeWhile(p => p.First == p.Second).Count()}").ToList();
        Assert.True(diffs.Count == 0, string.Join(", ", diffs));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Text, together[i].Text);
            Assert.Equal(alone[i].Last.DoneReason, together[i].Last.DoneReason);
        }
    }

    /// <summary>Runs a request on a freshly loaded single-sequence runner.</summary>
    public static async Task<GenerationResult> ColdRunAsync(string model, GenerationRequest request, CancellationToken ct)
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = model, ContextLength = 256, BatchSize = 64 }, null, ct);
        return await Generation.RunAsync(runner, request, ct);
    }
}

/// <summary>
/// One KV pool smaller than the sequences' total: newer sequences wait for room or are paused and resumed, and every
/// stream still produces exactly what it produces alone.
/// </summary>
public sealed class SharedPoolTests
{
    [Fact]
    public async Task Sequences_that_together_outgrow_the_pool_pause_and_resume_with_the_output_they_have_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new PauseLog();
        await using var runner = await new LlamaSharpRunnerFactory(log).LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 256, Parallel = 4, BatchSize = 32, KvPool = 256 }, null, ct);
        Assert.Equal(256, runner.Info.KvCacheTokens); // one context's worth shared by 4, not 4 x 256
        Assert.Equal(256, runner.Info.ContextLength);

        // Four greedy streams of ~200 tokens each: about 800 cells in all, in a pool of 256. (Greedy: a resumed sequence's
        // cells are recomputed into whichever cells are free, and llama.cpp sums attention in cell order, so a sampled
        // stream can flip at a near-tie of its random draw, as after heavy cache reuse; an argmax practically never does.)
        string[] prompts = ["Once upon a time", "Tom and his dog", "The sun was", "Lily wanted to play"];
        var requests = prompts.Select(p => Generation.Prompt(runner, p, 200)).ToArray();
        var alone = new List<GenerationResult>();
        foreach (var request in requests)
        {
            alone.Add(await Generation.RunAsync(runner, request, ct));
        }

        Assert.True(alone.Sum(a => a.Stats.GeneratedTokens + a.Stats.PromptTokens) > 256 * 2, "the streams must outgrow the pool");
        var together = await Task.WhenAll(requests.Select(r => Generation.RunAsync(runner, r, ct)));
        var diffs = Enumerable.Range(0, requests.Length).Where(i => !alone[i].Tokens.SequenceEqual(together[i].Tokens))
            .Select(i => $"#{i} at {alone[i].Tokens.Zip(together[i].Tokens).TakeWhile(p => p.First == p.Second).Count()} of {alone[i].Tokens.Length}").ToList();
        Assert.True(diffs.Count == 0, string.Join(", ", diffs) + $"; pauses {log.Pauses}");
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Text, together[i].Text);
            Assert.Equal(alone[i].Last.DoneReason, together[i].Last.DoneReason);
        }

        Assert.True(log.Pauses > 0, "no sequence was paused: the pool was never full");
    }

    [Fact]
    public async Task A_single_request_may_use_the_whole_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 128, Parallel = 4, BatchSize = 32, KvPool = 128 }, null, ct);
        var result = await Generation.RunAsync(runner, Generation.Prompt(runner, "Once upon a time", -1, new SamplingOptions { Temperature = 1, Seed = 3, TopK = 0, TopP = 1 }), ct);
        Assert.Equal(DoneReason.ContextFull, result.Last.DoneReason);
        // 128 cells decoded, plus the token sampled from the last one's logits.
        Assert.Equal(129, result.Stats.PromptTokens + result.Stats.GeneratedTokens);
    }

    /// <summary>Counts the decode loop's "paused" messages.</summary>
    private sealed class PauseLog : Microsoft.Extensions.Logging.ILogger
    {
        private int _pauses;

        public int Pauses => Volatile.Read(ref _pauses);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("paused the newest", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _pauses);
            }
        }
    }
}
