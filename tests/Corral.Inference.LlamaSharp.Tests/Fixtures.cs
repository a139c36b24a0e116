using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

/// <summary>Loads one model once for a test class.</summary>
public abstract class RunnerFixture : IAsyncLifetime
{
    private IModelRunner? _runner;

    public IModelRunner Runner => _runner ?? throw new InvalidOperationException("Not loaded.");

    protected abstract RunnerLoadRequest Request { get; }

    public async ValueTask InitializeAsync()
    {
        _runner = await new LlamaSharpRunnerFactory().LoadAsync(Request, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class StoriesFixture : RunnerFixture
{
    protected override RunnerLoadRequest Request => new() { ModelPath = TestModels.Stories260K, ContextLength = 256, BatchSize = 64 };
}

public sealed class TinyLlamaFixture : RunnerFixture
{
    protected override RunnerLoadRequest Request => new() { ModelPath = TestModels.TinyLlama, ContextLength = 128, BatchSize = 128 };
}

/// <summary>Helpers to run a generation to the end.</summary>
internal static class Generation
{
    public static readonly SamplingOptions Greedy = new() { Temperature = 0, RepeatPenalty = 1 };

    public static async Task<GenerationResult> RunAsync(IModelRunner runner, GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var chunks = new List<RunnerChunk>();
        await foreach (var chunk in runner.GenerateAsync(request, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return new GenerationResult(chunks);
    }

    public static GenerationRequest Prompt(IModelRunner runner, string text, int maxTokens, SamplingOptions? sampling = null) => new()
    {
        PromptTokens = runner.Tokenize(text, addSpecial: true, parseSpecial: false),
        MaxTokens = maxTokens,
        Sampling = sampling ?? Greedy,
    };
}

internal sealed record GenerationResult(IReadOnlyList<RunnerChunk> Chunks)
{
    public RunnerChunk Last => Chunks[^1];
    public string Text => string.Concat(Chunks.Select(c => c.Text));
    public GenerationStats Stats => Last.Stats!;
    public int[] Tokens => Stats.GeneratedTokenIds;
}
