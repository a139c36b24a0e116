using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.Anthropic;

/// <summary>The <c>message</c> object: the non-streaming answer, and the payload of <c>message_start</c>.</summary>
public sealed record MessagesResponse
{
    public required string Id { get; init; }
    public string Type { get; init; } = "message";
    public string Role { get; init; } = "assistant";
    public required string Model { get; init; }
    public OutputBlock[] Content { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; init; }
    public required Usage Usage { get; init; }
}

/// <summary>A response content block: <c>thinking</c>, <c>text</c> or <c>tool_use</c>; unused fields stay null and
/// are not written.</summary>
public sealed record OutputBlock
{
    public required string Type { get; init; }
    public string? Thinking { get; init; }
    public string? Signature { get; init; }
    public string? Text { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JsonElement? Input { get; init; }

    public static OutputBlock ForText(string text) => new() { Type = "text", Text = text };

    public static OutputBlock ForThinking(string thinking) => new() { Type = "thinking", Thinking = thinking, Signature = "" };

    public static OutputBlock ForToolUse(string id, string name, JsonElement input) =>
        new() { Type = "tool_use", Id = id, Name = name, Input = input };
}

/// <summary>Token counts. As in Anthropic's API, <c>input_tokens</c> excludes prompt tokens read from the cache,
/// which are reported in <c>cache_read_input_tokens</c>; their sum is the whole prompt.</summary>
public sealed record Usage
{
    public int? InputTokens { get; init; }
    public int? CacheCreationInputTokens { get; init; }
    public int? CacheReadInputTokens { get; init; }
    public int OutputTokens { get; init; }
}

/// <summary>Answer of <c>/v1/messages/count_tokens</c>.</summary>
public sealed record CountTokensResponse(int InputTokens);

/// <summary><c>{"type":"error","error":{"type":"…","message":"…"}}</c>, the body of every failure (and the data of
/// the streaming <c>error</c> event).</summary>
public sealed record ErrorResponse
{
    public string Type { get; init; } = "error";
    public required ErrorDetail Error { get; init; }

    public static ErrorResponse Of(string type, string message) => new() { Error = new ErrorDetail(type, message) };
}

/// <summary>The error's kind (<c>invalid_request_error</c>, <c>not_found_error</c>, <c>overloaded_error</c>,
/// <c>api_error</c>, …) and a human-readable message.</summary>
public sealed record ErrorDetail(string Type, string Message);
