using System.Text.Json;

namespace Corral.Routing.Upstreams;

// Inbound wire shapes the providers read: only the fields the router needs, so a decoder skips the rest without
// allocating. Outbound request bodies reuse Corral.Protocols' request records.

/// <summary>The data of any Anthropic SSE event (<c>message_start</c>, <c>content_block_*</c>, <c>message_delta</c>,
/// <c>error</c>, ...): one flat shape, the fields that matter depend on <see cref="Type"/>.</summary>
internal sealed record AnthropicEvent
{
    public string? Type { get; init; }
    public int Index { get; init; }
    public AnthropicEventMessage? Message { get; init; }
    public AnthropicEventBlock? ContentBlock { get; init; }
    public AnthropicEventDelta? Delta { get; init; }
    public AnthropicEventUsage? Usage { get; init; }
    public UpstreamErrorDetail? Error { get; init; }
}

internal sealed record AnthropicEventMessage
{
    public AnthropicEventUsage? Usage { get; init; }
}

internal sealed record AnthropicEventBlock
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public string? Thinking { get; init; }
    public JsonElement? Input { get; init; }
}

/// <summary>A <c>content_block_delta</c>'s delta, or the <c>delta</c> of <c>message_delta</c> (stop_reason).</summary>
internal sealed record AnthropicEventDelta
{
    public string? Type { get; init; }
    public string? Text { get; init; }
    public string? Thinking { get; init; }
    public string? PartialJson { get; init; }
    public string? StopReason { get; init; }
}

internal sealed record AnthropicEventUsage
{
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
    public int? CacheReadInputTokens { get; init; }
    public int? CacheCreationInputTokens { get; init; }
}

/// <summary>One <c>data:</c> line of an OpenAI-compatible stream: a chunk, or an in-band <c>error</c>.</summary>
internal sealed record OpenAIStreamChunk
{
    public OpenAIStreamChoice[]? Choices { get; init; }
    public OpenAIStreamUsage? Usage { get; init; }
    public UpstreamErrorDetail? Error { get; init; }
}

internal sealed record OpenAIStreamChoice
{
    public int Index { get; init; }
    public OpenAIStreamDelta? Delta { get; init; }
    public string? FinishReason { get; init; }
}

internal sealed record OpenAIStreamDelta
{
    public string? Content { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
    public OpenAIStreamToolCall[]? ToolCalls { get; init; }
}

internal sealed record OpenAIStreamToolCall
{
    public int? Index { get; init; }
    public string? Id { get; init; }
    public OpenAIStreamFunction? Function { get; init; }
}

internal sealed record OpenAIStreamFunction
{
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}

internal sealed record OpenAIStreamUsage
{
    public int? PromptTokens { get; init; }
    public int? CompletionTokens { get; init; }
    public OpenAIPromptDetails? PromptTokensDetails { get; init; }
}

internal sealed record OpenAIPromptDetails
{
    public int? CachedTokens { get; init; }
}

/// <summary>The error object both vendors use (<c>type</c>, <c>message</c>; OpenAI adds <c>code</c>, a string or a
/// number).</summary>
internal sealed record UpstreamErrorDetail
{
    public string? Type { get; init; }
    public string? Message { get; init; }
    public JsonElement? Code { get; init; }
}

/// <summary>An OpenAI content part sent for messages with images.</summary>
internal sealed record OpenAIContentPart(string Type, string? Text = null, OpenAIImageUrl? ImageUrl = null);

internal sealed record OpenAIImageUrl(string Url);
