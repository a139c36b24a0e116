using System.Collections;

namespace Corral.Inference.LlamaSharp.Tests;

/// <summary>
/// Embedding work does not starve generation on the same model: embeddings run on their own llama.cpp context, in
/// slices of sequences, beside the decode loop. Proved by order of events, not by timing: the embedding batch is held
/// in the middle (its second slice waits on a gate the test controls), and a whole generation still runs to its end.
/// </summary>
public sealed class EmbeddingConcurrencyTests(TinyLlamaFixture fixture) : IClassFixture<TinyLlamaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task A_generation_runs_to_its_end_while_an_embedding_batch_is_in_progress()
    {
        var input = Runner.Tokenize("The cat sat on the mat.", true, false);
        using var inputs = new GatedInputs(input, count: 24, gateAt: 8);
        var embedding = Runner.EmbedAsync(inputs, Ct).AsTask();
        try
        {
            // The first slice of eight has been decoded and the batch is waiting before its second.
            await inputs.Reached.Task.WaitAsync(Ct);

            // A guard against a hang (a generation blocked behind the embedding batch), not a speed assertion.
            var result = await Generation.RunAsync(Runner, Generation.Prompt(Runner, "Once upon a time", 16), Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

            Assert.True(result.Last.Done);
            Assert.Equal(16, result.Stats.GeneratedTokens);
            Assert.False(embedding.IsCompleted, "the embedding batch finished before its gate was opened");
        }
        finally
        {
            inputs.Open();
        }

        var vectors = await embedding;
        Assert.Equal(24, vectors.Vectors.Count);
        Assert.All(vectors.Vectors, v => Assert.Equal(vectors.Vectors[0], v));
    }

    /// <summary><paramref name="count"/> copies of one input; reading item <paramref name="gateAt"/> by index signals
    /// <see cref="Reached"/> and blocks until <see cref="Open"/> (enumeration, used to validate, never blocks).</summary>
    private sealed class GatedInputs(int[] input, int count, int gateAt) : IReadOnlyList<int[]>, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => count;

        public int[] this[int index]
        {
            get
            {
                if (index == gateAt)
                {
                    Reached.TrySetResult();
                    _gate.Wait(TimeSpan.FromMinutes(5));
                }

                return input;
            }
        }

        public void Open() => _gate.Set();

        public IEnumerator<int[]> GetEnumerator() => Enumerable.Repeat(input, count).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() => _gate.Dispose();
    }
}
