using System.Text.Json.Serialization;

namespace Corral.Protocols.OpenAI;

/// <summary>One SSE event of a streamed chat completion (<c>object: "chat.completion.chunk"</c>).</summary>
public sealed record ChatCompletionChunk
{
    public string Id { get; init; } = "";
    public string Object { get; init; } = "chat.completion.chunk";
    public long Created { get; init; }
    public string Model { get; init; } = "";
    public string SystemFingerprint { get; init; } = OpenAIIds.SystemFingerprint;
    public ChunkChoice[] Choices { get; init; } = [];
    public Usage? Usage { get; init; }
}

public sealed record ChunkChoice
{
    public int Index { get; init; }
    public ChatDelta Delta { get; init; } = new();

    public ChatLogprobs? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }

    /// <summary>Extension on the final chunk: <c>deadline</c> when the request's deadline stopped the answer
    /// (<see cref="FinishReason"/> is then <c>length</c>); omitted otherwise.</summary>
    public string? CorralStopReason { get; init; }
}

/// <summary>What a chunk adds; an empty object on the final chunk.</summary>
public sealed record ChatDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public ResponseToolCall[]? ToolCalls { get; init; }
}
