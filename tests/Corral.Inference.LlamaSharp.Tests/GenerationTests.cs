using System.Diagnostics;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class GenerationTests(StoriesFixture fixture) : IClassFixture<StoriesFixture>
{
    private const string Prompt = "Once upon a time, there was a little girl";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task Streams_tokens_and_ends_with_stats()
    {
        var result = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 24), Ct);

        Assert.True(result.Chunks.Count > 5, "expected a stream of chunks, not one blob");
        Assert.All(result.Chunks.SkipLast(1), c => Assert.False(c.Done));
        Assert.True(result.Last.Done);
        Assert.Equal(DoneReason.Length, result.Last.DoneReason);
        var stats = result.Stats;
        Assert.Equal(24, stats.GeneratedTokens);
        Assert.Equal(24, stats.GeneratedTokenIds.Length);
        Assert.Equal(24, result.Chunks.Sum(c => c.TokenCount));
        Assert.Equal(Runner.Tokenize(Prompt, true, false).Length, stats.PromptTokens);
        Assert.True(stats.PromptDuration > TimeSpan.Zero);
        Assert.True(stats.GenerationDuration > TimeSpan.Zero);
        Assert.Equal(Runner.Detokenize(stats.GeneratedTokenIds), result.Text);
    }

    [Fact]
    public async Task Greedy_is_deterministic_and_reuses_the_cached_prefix()
    {
        var request = Generation.Prompt(Runner, Prompt, 32);
        await Generation.RunAsync(Runner, Generation.Prompt(Runner, "A different prompt entirely", 4), Ct);
        var first = await Generation.RunAsync(Runner, request, Ct);
        var second = await Generation.RunAsync(Runner, request, Ct);

        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(request.PromptTokens.Length - 1, second.Stats.CachedPromptTokens);
    }

    [Fact]
    public async Task Fixed_seed_repeats_and_different_seeds_differ()
    {
        GenerationRequest Seeded(long seed) => Generation.Prompt(Runner, Prompt, 32, new SamplingOptions { Temperature = 1, Seed = seed, TopK = 0, TopP = 1 });

        var a = await Generation.RunAsync(Runner, Seeded(42), Ct);
        var b = await Generation.RunAsync(Runner, Seeded(42), Ct);
        Assert.Equal(a.Tokens, b.Tokens);

        var others = new List<int[]>();
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            others.Add((await Generation.RunAsync(Runner, Seeded(seed), Ct)).Tokens);
        }

        Assert.Contains(others, tokens => !tokens.SequenceEqual(a.Tokens));
    }

    [Fact]
    public async Task All_sampling_options_are_accepted()
    {
        var sampling = new SamplingOptions
        {
            Temperature = 0.7f, TopK = 20, TopP = 0.8f, MinP = 0.05f, TypicalP = 0.9f, RepeatLastN = -1,
            RepeatPenalty = 1.3f, PresencePenalty = 0.5f, FrequencyPenalty = 0.5f, Seed = 7,
        };
        var result = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 16, sampling), Ct);
        Assert.Equal(16, result.Stats.GeneratedTokens);
    }

    [Fact]
    public async Task Max_tokens_ends_with_Length()
    {
        var result = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 7), Ct);
        Assert.Equal(DoneReason.Length, result.Last.DoneReason);
        Assert.Equal(7, result.Stats.GeneratedTokens);

        var none = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 0), Ct);
        Assert.Equal(DoneReason.Length, none.Last.DoneReason);
        Assert.Equal(0, none.Stats.GeneratedTokens);
    }

    [Fact]
    public async Task Cancellation_stops_promptly_frees_the_sequence_and_the_runner_serves_the_next_request()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var request = Generation.Prompt(Runner, Prompt, -1, new SamplingOptions { Temperature = 1, Seed = 3 });
        var received = 0;
        var watch = new Stopwatch();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in Runner.GenerateAsync(request, cts.Token))
            {
                if (++received == 2)
                {
                    watch.Start();
                    await cts.CancelAsync();
                }
            }
        });
        watch.Stop();
        Assert.Equal(2, received);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {watch.Elapsed}");

        var next = await Generation.RunAsync(Runner, request with { MaxTokens = 5 }, Ct);
        Assert.Equal(5, next.Stats.GeneratedTokens);
        Assert.Equal(0, next.Stats.CachedPromptTokens); // the cancelled sequence's KV cells were freed
    }

    [Fact]
    public async Task Abandoning_the_stream_stops_generation()
    {
        var request = Generation.Prompt(Runner, Prompt, -1, new SamplingOptions { Temperature = 1, Seed = 5 });
        await foreach (var _ in Runner.GenerateAsync(request, Ct))
        {
            break;
        }

        var next = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 3), Ct);
        Assert.Equal(3, next.Stats.GeneratedTokens);
    }

    [Fact]
    public async Task Concurrent_requests_queue_and_all_complete()
    {
        var tasks = Enumerable.Range(0, 3).Select(i => Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 8 + i), Ct)).ToArray();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(8 + i, results[i].Stats.GeneratedTokens);
        }
    }

    [Fact]
    public async Task Invalid_prompts_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Generation.RunAsync(Runner, new GenerationRequest { PromptTokens = [] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Generation.RunAsync(Runner, new GenerationRequest { PromptTokens = [1, 99999] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Generation.RunAsync(Runner, new GenerationRequest { PromptTokens = new int[300] }, Ct));
    }

    [Fact]
    public async Task Logprobs_have_the_requested_shape()
    {
        var request = Generation.Prompt(Runner, Prompt, 6) with { Logprobs = true, TopLogprobs = 3 };
        var result = await Generation.RunAsync(Runner, request, Ct);

        var logprobs = result.Chunks.SelectMany(c => c.Logprobs ?? []).ToList();
        Assert.All(result.Chunks, c => Assert.Equal(c.TokenCount, c.Logprobs?.Count ?? 0));
        Assert.Equal(6, logprobs.Count);
        Assert.All(logprobs, lp =>
        {
            Assert.True(lp.Logprob <= 0);
            Assert.NotNull(lp.TopLogprobs);
            Assert.Equal(3, lp.TopLogprobs!.Count);
            Assert.True(lp.TopLogprobs[0].Logprob >= lp.TopLogprobs[1].Logprob);
            Assert.Equal(lp.TopLogprobs[0].Logprob, lp.Logprob, 5); // greedy picks the most likely token
            Assert.Equal(lp.Token, lp.TopLogprobs[0].Token);
            Assert.NotEmpty(lp.Bytes);
        });
        Assert.Equal(result.Text, string.Concat(logprobs.Select(lp => lp.Token)));
    }

    [Fact]
    public void Tokenize_and_detokenize_round_trip()
    {
        var tokens = Runner.Tokenize(Prompt, addSpecial: false, parseSpecial: false);
        Assert.NotEmpty(tokens);
        Assert.Equal(" " + Prompt, Runner.Detokenize(tokens)); // SentencePiece adds a leading space
        var withBos = Runner.Tokenize(Prompt, addSpecial: true, parseSpecial: false);
        Assert.Equal(tokens.Length + 1, withBos.Length);
    }
}
