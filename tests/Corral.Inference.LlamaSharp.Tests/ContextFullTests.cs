using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class ContextFullTests
{
    [Fact]
    public async Task Full_context_ends_with_ContextFull_and_never_wraps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 32 }, null, ct);
        var request = Generation.Prompt(runner, "Once upon a time, there was a big dog", -1, new SamplingOptions { Temperature = 0, RepeatPenalty = 1.5f });

        var result = await Generation.RunAsync(runner, request, ct);

        Assert.Equal(DoneReason.ContextFull, result.Last.DoneReason);
        // Every position of the context is used; the last sampled token is returned but has no room to be decoded.
        Assert.Equal(32 + 1, result.Stats.PromptTokens + result.Stats.GeneratedTokens);
    }
}
