namespace Corral.Api.Models;

/// <summary>Timing and token counts of a finished generation. Durations are nanoseconds; zero values are omitted.</summary>
public abstract record Metrics
{
    public long? TotalDuration { get; init; }
    public long? LoadDuration { get; init; }
    public int? PromptEvalCount { get; init; }
    public long? PromptEvalDuration { get; init; }
    public int? EvalCount { get; init; }
    public long? EvalDuration { get; init; }

    /// <summary>Corral extension: prompt tokens that came from the cache instead of being computed.</summary>
    public int? PromptCacheCount { get; init; }

    /// <summary>Corral extension: tokens of the prompt dropped to fit the context window (never silent).</summary>
    public int? TruncatedTokens { get; init; }
}
