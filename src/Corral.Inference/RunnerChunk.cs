namespace Corral.Inference;

/// <summary>
/// A piece of generated output. <see cref="Text"/> holds only whole UTF-8 characters (a character split across tokens
/// is held back until complete) and never the text of a matched stop sequence.
/// </summary>
public sealed record RunnerChunk
{
    public string Text { get; init; } = "";

    /// <summary>Number of tokens this chunk accounts for (0 when text was held back from earlier tokens).</summary>
    public int TokenCount { get; init; }

    /// <summary>Log-probabilities of the tokens behind this chunk, when requested.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>Set on the last chunk only.</summary>
    public bool Done { get; init; }

    public DoneReason DoneReason { get; init; }

    /// <summary>Set on the last chunk only, when a stop sequence of <see cref="GenerationRequest.Stop"/> ended generation:
    /// the one that matched (its text is not in the output).</summary>
    public string? StopSequence { get; init; }

    /// <summary>Set on the last chunk only.</summary>
    public GenerationStats? Stats { get; init; }
}

public enum DoneReason
{
    None,
    /// <summary>End-of-generation token or a stop sequence.</summary>
    Stop,
    /// <summary><see cref="GenerationRequest.MaxTokens"/> reached.</summary>
    Length,
    /// <summary>The context window is full.</summary>
    ContextFull,
    /// <summary>The request's deadline passed after output began (set by the caller that enforces the deadline, not
    /// by a runner).</summary>
    Deadline,
}

/// <summary>Counts and durations of one generation (durations measured with a monotonic clock).</summary>
public sealed record GenerationStats
{
    public int PromptTokens { get; init; }
    /// <summary>Prompt tokens whose KV was reused from an earlier request instead of being computed.</summary>
    public int CachedPromptTokens { get; init; }
    public TimeSpan PromptDuration { get; init; }
    public int GeneratedTokens { get; init; }
    public TimeSpan GenerationDuration { get; init; }
    /// <summary>The tokens generated, so callers can return a <c>context</c> array.</summary>
    public int[] GeneratedTokenIds { get; init; } = [];
}

public sealed record TokenLogprob(string Token, float Logprob, byte[] Bytes, IReadOnlyList<TopLogprob>? TopLogprobs);

public sealed record TopLogprob(string Token, float Logprob, byte[] Bytes);
