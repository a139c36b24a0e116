namespace Corral.Inference;

/// <summary>Sampling parameters with Ollama's names and defaults.</summary>
public sealed record SamplingOptions
{
    public static SamplingOptions Default { get; } = new();

    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.9f;
    public float MinP { get; init; }
    public float TypicalP { get; init; } = 1.0f;
    /// <summary>Tokens considered for repetition penalties; 0 disables, -1 means the whole context.</summary>
    public int RepeatLastN { get; init; } = 64;
    public float RepeatPenalty { get; init; } = 1.0f;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }
    /// <summary>Random seed; -1 picks one at random.</summary>
    public long Seed { get; init; } = -1;
}
