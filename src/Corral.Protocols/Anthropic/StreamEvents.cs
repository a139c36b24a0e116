using System.Text.Json.Serialization;

namespace Corral.Protocols.Anthropic;

/// <summary>Data of the <c>message_start</c> event; the message has no content yet.</summary>
public sealed record MessageStartEvent(MessagesResponse Message)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "message_start";
}

/// <summary>Data of <c>content_block_start</c>: the block with its empty initial value.</summary>
public sealed record ContentBlockStartEvent(int Index, OutputBlock ContentBlock)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "content_block_start";
}

/// <summary>Data of <c>content_block_delta</c>.</summary>
public sealed record ContentBlockDeltaEvent(int Index, BlockDelta Delta)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "content_block_delta";
}

/// <summary>A block delta: <c>text_delta</c> (text), <c>thinking_delta</c> (thinking) or <c>input_json_delta</c>
/// (partial_json).</summary>
public sealed record BlockDelta
{
    public required string Type { get; init; }
    public string? Text { get; init; }
    public string? Thinking { get; init; }
    public string? PartialJson { get; init; }
}

/// <summary>Data of <c>content_block_stop</c>.</summary>
public sealed record ContentBlockStopEvent(int Index)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "content_block_stop";
}

/// <summary>Data of <c>message_delta</c>: the stop reason and the final usage.</summary>
public sealed record MessageDeltaEvent(MessageDeltaBody Delta, Usage Usage)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "message_delta";
}

/// <summary>The <c>delta</c> of <c>message_delta</c>; both standard fields are always written, null included. The
/// extension <c>corral_stop_reason</c> is <c>deadline</c> when the request's deadline stopped the answer
/// (<c>stop_reason</c> is then <c>max_tokens</c>), and omitted otherwise.</summary>
public sealed record MessageDeltaBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StopReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StopSequence,
    string? CorralStopReason = null);

/// <summary>Data of <c>message_stop</c> and <c>ping</c>: only a type.</summary>
public sealed record TypeOnlyEvent(string Type);

/// <summary>One server-sent event, already serialized: <c>event: {Name}\ndata: {Data}\n\n</c>.</summary>
public readonly record struct SseEvent(string Name, string Data)
{
    public override string ToString() => $"event: {Name}\ndata: {Data}\n\n";
}
