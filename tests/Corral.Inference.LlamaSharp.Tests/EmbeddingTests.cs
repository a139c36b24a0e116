namespace Corral.Inference.LlamaSharp.Tests;

public sealed class EmbeddingTests(TinyLlamaFixture fixture) : IClassFixture<TinyLlamaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task One_vector_per_input_of_the_embedding_length()
    {
        var inputs = new[] { "The cat sat.", "A dog ran in the park." }.Select(t => Runner.Tokenize(t, true, false)).ToArray();

        var result = await Runner.EmbedAsync(inputs, Ct);

        Assert.Equal(2, result.Vectors.Count);
        Assert.All(result.Vectors, v => Assert.Equal(Runner.Info.EmbeddingLength, v.Length));
        Assert.Equal(inputs.Sum(i => i.Length), result.PromptTokens);
        Assert.All(result.Vectors, v => Assert.Contains(v, x => x != 0));
        Assert.NotEqual(result.Vectors[0], result.Vectors[1]);
    }

    [Fact]
    public async Task Vectors_do_not_depend_on_batch_composition()
    {
        var texts = new[] { "The cat sat on the mat.", "Hello", "Once upon a time there was a tiny robot.", "Blue" };
        var inputs = texts.Select(t => Runner.Tokenize(t, true, false)).ToArray();

        var alone = new List<float[]>();
        foreach (var input in inputs)
        {
            alone.Add((await Runner.EmbedAsync([input], Ct)).Vectors[0]);
        }

        var together = await Runner.EmbedAsync(inputs, Ct);
        var reversed = await Runner.EmbedAsync(inputs.Reverse().ToArray(), Ct);

        for (var i = 0; i < inputs.Length; i++)
        {
            AssertClose(alone[i], together.Vectors[i]);
            AssertClose(alone[i], reversed.Vectors[inputs.Length - 1 - i]);
        }
    }

    [Fact]
    public async Task Too_long_or_empty_inputs_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Runner.EmbedAsync([new int[Runner.Info.ContextLength + 1]], Ct).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Runner.EmbedAsync([[]], Ct).AsTask());
    }

    [Fact]
    public async Task A_long_context_caps_embedding_inputs_so_one_micro_batch_stays_small()
    {
        // A 16384-token context (e.g. a trained context chosen by default): an embedding input is one micro-batch,
        // whose attention buffer grows with its square, so inputs are capped at 8192 tokens and longer ones rejected.
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = Corral.TestKit.TestModels.Stories260K, ContextLength = 16384, Threads = 1 }, null, Ct);
        Assert.Equal(16384, runner.Info.ContextLength);
        Assert.Equal(RunnerInfo.MaxEmbeddingContext, runner.Info.EmbeddingLimit);
        Assert.Single((await runner.EmbedAsync([runner.Tokenize("Once upon a time", true, false)], Ct)).Vectors);
        await Assert.ThrowsAsync<ArgumentException>(() => runner.EmbedAsync([new int[RunnerInfo.MaxEmbeddingContext + 1]], Ct).AsTask());
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
