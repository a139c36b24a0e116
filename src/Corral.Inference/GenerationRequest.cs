namespace Corral.Inference;

/// <summary>One generation: the prompt as tokens (already fitted to the context) and how to sample.</summary>
public sealed record GenerationRequest
{
    public required int[] PromptTokens { get; init; }

    public SamplingOptions Sampling { get; init; } = SamplingOptions.Default;

    /// <summary>Maximum tokens to generate; -1 means until a stop condition or the context is full.</summary>
    public int MaxTokens { get; init; } = -1;

    /// <summary>Text sequences that end generation. The matched text is not returned.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Optional GBNF grammar that constrains sampling.</summary>
    public string? Grammar { get; init; }

    /// <summary>Return the log-probability of each generated token.</summary>
    public bool Logprobs { get; init; }

    /// <summary>With <see cref="Logprobs"/>, how many most likely alternatives to return per token (0-20).</summary>
    public int TopLogprobs { get; init; }
}
