using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.OpenAI;

/// <summary>Body of <c>POST /v1/responses</c> (stateless). Fields not declared here land in <see cref="Extra"/> and are
/// refused (or ignored in lenient mode) by <see cref="ResponsesRequestMapper"/>.</summary>
public sealed record ResponsesRequest
{
    public string? Model { get; init; }
    /// <summary>A string (one user message) or an array of input items.</summary>
    public JsonElement? Input { get; init; }
    public string? Instructions { get; init; }
    public ResponsesTool[]? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public bool? Stream { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxOutputTokens { get; init; }
    public ResponsesReasoning? Reasoning { get; init; }
    public ResponsesText? Text { get; init; }
    /// <summary>Refused: Corral keeps no state.</summary>
    public string? PreviousResponseId { get; init; }
    /// <summary>Refused: Corral keeps no state.</summary>
    public JsonElement? Conversation { get; init; }
    /// <summary><c>true</c> is refused (Corral keeps no state); <c>false</c> is accepted.</summary>
    public bool? Store { get; init; }
    public bool? Background { get; init; }
    /// <summary>Up to 16 string pairs (see <see cref="RequestMetadata"/>): validated and echoed, not stored; <c>task</c>
    /// feeds the router's fast path.</summary>
    public JsonElement? Metadata { get; init; }
    public string? User { get; init; }
    public string? SafetyIdentifier { get; init; }
    public string[]? Include { get; init; }
    public string? Truncation { get; init; }

    /// <summary>Corral extension: context window for this request.</summary>
    public int? NumCtx { get; init; }
    /// <summary>Corral extension: native Ollama options.</summary>
    public Dictionary<string, JsonElement>? Options { get; init; }
    /// <summary>Corral extension: Ollama's keep_alive.</summary>
    public JsonElement? KeepAlive { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A Responses tool: flat <c>{"type":"function","name":...,"parameters":...}</c>.</summary>
public sealed record ResponsesTool
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
    public bool? Strict { get; init; }
}

public sealed record ResponsesReasoning
{
    public string? Effort { get; init; }
    public string? Summary { get; init; }
}

public sealed record ResponsesText
{
    public ResponsesTextFormat? Format { get; init; }
}

/// <summary><c>{"type":"text"}</c>, <c>{"type":"json_object"}</c> or <c>{"type":"json_schema","name":...,"schema":{...}}</c>.</summary>
public sealed record ResponsesTextFormat
{
    public string Type { get; init; } = "text";
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Schema { get; init; }
    public bool? Strict { get; init; }
}

/// <summary>The response object (<c>"object":"response"</c>).</summary>
public sealed record ResponseObject
{
    public string Id { get; init; } = "";
    public string Object { get; init; } = "response";
    public long CreatedAt { get; init; }
    public string Status { get; init; } = "in_progress";
    public ResponseError? Error { get; init; }
    public ResponseIncompleteDetails? IncompleteDetails { get; init; }
    public string? Instructions { get; init; }
    public int? MaxOutputTokens { get; init; }
    public string Model { get; init; } = "";
    public ResponseOutputItem[] Output { get; init; } = [];
    public bool ParallelToolCalls { get; init; } = true;
    public ResponsesReasoning? Reasoning { get; init; }
    public bool Store { get; init; }
    public double? Temperature { get; init; }
    public ResponsesText Text { get; init; } = new() { Format = new ResponsesTextFormat() };
    public string ToolChoice { get; init; } = "auto";
    public ResponsesTool[] Tools { get; init; } = [];
    public double? TopP { get; init; }
    public string Truncation { get; init; } = "disabled";
    public ResponseUsage? Usage { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

public sealed record ResponseError
{
    public string Code { get; init; } = "server_error";
    public string Message { get; init; } = "";
}

public sealed record ResponseIncompleteDetails
{
    public string Reason { get; init; } = "max_output_tokens";
}

/// <summary>An output item: <c>message</c>, <c>reasoning</c> or <c>function_call</c> (unused fields are omitted).</summary>
public sealed record ResponseOutputItem
{
    public string Id { get; init; } = "";
    public string Type { get; init; } = "message";
    public string? Status { get; init; }
    public string? Role { get; init; }
    public ResponseContentPart[]? Content { get; init; }
    public ResponseContentPart[]? Summary { get; init; }
    public string? CallId { get; init; }
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}

/// <summary><c>output_text</c> (with <c>annotations</c>) or <c>summary_text</c>.</summary>
public sealed record ResponseContentPart
{
    public string Type { get; init; } = "output_text";
    public string Text { get; init; } = "";
    public JsonElement[]? Annotations { get; init; }
}

public sealed record ResponseUsage
{
    public int InputTokens { get; init; }
    public ResponseInputTokensDetails InputTokensDetails { get; init; } = new();
    public int OutputTokens { get; init; }
    public ResponseOutputTokensDetails OutputTokensDetails { get; init; } = new();
    public int TotalTokens { get; init; }
}

public sealed record ResponseInputTokensDetails
{
    public int CachedTokens { get; init; }
}

public sealed record ResponseOutputTokensDetails
{
    public int ReasoningTokens { get; init; }
}

/// <summary>One streamed event; only the fields its <see cref="Type"/> uses are set.</summary>
public sealed record ResponseStreamEvent
{
    public string Type { get; init; } = "";
    public int SequenceNumber { get; init; }
    public ResponseObject? Response { get; init; }
    public int? OutputIndex { get; init; }
    public string? ItemId { get; init; }
    public int? ContentIndex { get; init; }
    public int? SummaryIndex { get; init; }
    public ResponseOutputItem? Item { get; init; }
    public ResponseContentPart? Part { get; init; }
    public string? Delta { get; init; }
    public string? Text { get; init; }
    public string? Arguments { get; init; }
    public JsonElement[]? Logprobs { get; init; }
}
