using System.Runtime.CompilerServices;
using Corral.Inference;

namespace Corral.TestKit;

/// <summary>A runner factory for faults and timings real models cannot be made to produce. Configure with delegates.</summary>
public sealed class FakeRunnerFactory : IRunnerFactory
{
    private int _loads;

    /// <summary>Called for each load; throw to simulate a failed load. Default: an instant load.</summary>
    public Func<RunnerLoadRequest, CancellationToken, Task>? OnLoad { get; set; }

    /// <summary>Produces the text chunks of a generation. Default: "a", "b", "c".</summary>
    public Func<GenerationRequest, IEnumerable<string>>? Tokens { get; set; }

    /// <summary>Awaited before a generation's first token: a request waiting for a free sequence.</summary>
    public Func<GenerationRequest, CancellationToken, Task>? BeforeFirstToken { get; set; }

    public int Loads => Volatile.Read(ref _loads);

    public List<FakeRunner> Runners { get; } = [];

    public async ValueTask<IModelRunner> LoadAsync(RunnerLoadRequest request, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        if (OnLoad is not null)
        {
            await OnLoad(request, cancellationToken);
        }

        var runner = new FakeRunner(request, this);
        lock (Runners)
        {
            Runners.Add(runner);
        }

        return runner;
    }

    internal IEnumerable<string> TokensFor(GenerationRequest request) => Tokens?.Invoke(request) ?? ["a", "b", "c"];
}

/// <summary>A runner whose output is scripted by its <see cref="FakeRunnerFactory"/>.</summary>
public sealed class FakeRunner(RunnerLoadRequest request, FakeRunnerFactory factory) : IModelRunner
{
    public RunnerLoadRequest Request { get; } = request;

    public bool Disposed { get; private set; }

    public RunnerInfo Info { get; } = new() { ContextLength = request.ContextLength, Parallel = request.Parallel, TrainedContextLength = 4096, SizeBytes = 1000, Threads = 1 };

    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial) => [.. text.Select(c => (int)c)];

    public string Detokenize(ReadOnlySpan<int> tokens)
    {
        var chars = new char[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            chars[i] = (char)tokens[i];
        }

        return new string(chars);
    }

    public string? ApplyChatTemplate(IReadOnlyList<ChatTurn> messages, bool addAssistantPrompt) => null;

    public async IAsyncEnumerable<RunnerChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        if (factory.BeforeFirstToken is { } wait)
        {
            await wait(request, cancellationToken);
        }

        foreach (var token in factory.TokensFor(request))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            count++;
            yield return new RunnerChunk { Text = token, TokenCount = 1 };
        }

        yield return new RunnerChunk
        {
            Done = true,
            DoneReason = DoneReason.Stop,
            Stats = new GenerationStats { PromptTokens = request.PromptTokens.Length, GeneratedTokens = count },
        };
    }

    public ValueTask<EmbeddingResult> EmbedAsync(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new EmbeddingResult([.. inputs.Select(i => new float[] { i.Length, 1 })], inputs.Sum(i => i.Length)));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
