using System.Text.Json.Serialization;

namespace Corral.Protocols.OpenAI;

/// <summary>Answer of a non-streamed <c>POST /v1/chat/completions</c>.</summary>
public sealed record ChatCompletion
{
    public string Id { get; init; } = "";
    public string Object { get; init; } = "chat.completion";
    public long Created { get; init; }
    public string Model { get; init; } = "";
    public string SystemFingerprint { get; init; } = OpenAIIds.SystemFingerprint;
    public ChatChoice[] Choices { get; init; } = [];
    public Usage? Usage { get; init; }
}

public sealed record ChatChoice
{
    public int Index { get; init; }
    public AssistantMessage Message { get; init; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobs? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }

    /// <summary>Extension: <c>deadline</c> when the request's deadline stopped the answer (<see cref="FinishReason"/>
    /// is then <c>length</c>); omitted otherwise.</summary>
    public string? CorralStopReason { get; init; }
}

/// <summary>The assistant's reply. Reasoning is written as <c>reasoning_content</c> and as the alias <c>reasoning</c>,
/// so clients reading either field see it.</summary>
public sealed record AssistantMessage
{
    public string Role { get; init; } = "assistant";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public ResponseToolCall[]? ToolCalls { get; init; }
}

/// <summary>A call in a response or a stream delta; in deltas only the first fragment carries id, type and name.</summary>
public sealed record ResponseToolCall
{
    public int? Index { get; init; }
    public string? Id { get; init; }
    public string? Type { get; init; }
    public ResponseToolCallFunction Function { get; init; } = new();
}

public sealed record ResponseToolCallFunction
{
    public string? Name { get; init; }
    /// <summary>The arguments object serialized as a JSON string (or a fragment of it in a delta).</summary>
    public string? Arguments { get; init; }
}

/// <summary>Token counts. <c>prompt_tokens_details.cached_tokens</c> counts prompt tokens served from the cache.</summary>
public sealed record Usage
{
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public int TotalTokens { get; init; }
    public PromptTokensDetails? PromptTokensDetails { get; init; }
}

public sealed record PromptTokensDetails
{
    public int CachedTokens { get; init; }
}

/// <summary><c>{"content":[...]}</c>: one entry per generated token.</summary>
public sealed record ChatLogprobs
{
    public TokenLogprob[] Content { get; init; } = [];
}

public sealed record TokenLogprob
{
    public string Token { get; init; } = "";
    public double Logprob { get; init; }
    public int[]? Bytes { get; init; }
    public TopLogprob[]? TopLogprobs { get; init; }
}

public sealed record TopLogprob
{
    public string Token { get; init; } = "";
    public double Logprob { get; init; }
    public int[]? Bytes { get; init; }
}
