using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.OpenAI;

/// <summary>Body of <c>POST /v1/chat/completions</c>. Fields not declared here land in <see cref="Extra"/> and are
/// refused (or ignored in lenient mode) by <see cref="ChatRequestMapper"/>.</summary>
public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public ChatMessage[]? Messages { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public long? Seed { get; init; }
    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Stop { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public ResponseFormat? ResponseFormat { get; init; }
    public ToolDefinition[]? Tools { get; init; }
    /// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or a named function.</summary>
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public string? ReasoningEffort { get; init; }
    /// <summary>Ollama's alternative spelling: <c>{"effort": "..."}</c>.</summary>
    public ReasoningOptions? Reasoning { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public int? N { get; init; }
    public Dictionary<string, JsonElement>? LogitBias { get; init; }
    /// <summary>End-user identifier: accepted and ignored (it has no effect on output).</summary>
    public string? User { get; init; }
    /// <summary>Up to 16 string pairs (see <see cref="RequestMetadata"/>): validated, not stored; <c>task</c> feeds the
    /// router's fast path.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Corral extension: context window for this request.</summary>
    public int? NumCtx { get; init; }
    /// <summary>Corral extension: native Ollama options (<c>num_ctx</c>, <c>top_k</c>, ...); explicit fields win.</summary>
    public Dictionary<string, JsonElement>? Options { get; init; }
    /// <summary>Corral extension: Ollama's keep_alive.</summary>
    public JsonElement? KeepAlive { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One message; <see cref="Content"/> is a string, an array of parts, or null.</summary>
public sealed record ChatMessage
{
    public string Role { get; init; } = "";
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public RequestToolCall[]? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
    public string? ReasoningContent { get; init; }
    public string? Reasoning { get; init; }
}

/// <summary>A call the assistant made earlier, as clients send it back (arguments as a JSON string).</summary>
public sealed record RequestToolCall
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public RequestToolCallFunction Function { get; init; } = new();
}

public sealed record RequestToolCallFunction
{
    public string Name { get; init; } = "";
    /// <summary>Usually a JSON string holding an object; an object is accepted too.</summary>
    public JsonElement? Arguments { get; init; }
}

public sealed record StreamOptions
{
    public bool? IncludeUsage { get; init; }
}

public sealed record ReasoningOptions
{
    public string? Effort { get; init; }
}

/// <summary><c>{"type":"text"|"json_object"|"json_schema","json_schema":{...}}</c>.</summary>
public sealed record ResponseFormat
{
    public string Type { get; init; } = "text";
    public JsonSchemaFormat? JsonSchema { get; init; }
}

public sealed record JsonSchemaFormat
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Schema { get; init; }
    public bool? Strict { get; init; }
}

/// <summary>A tool offered to the model.</summary>
public sealed record ToolDefinition
{
    public string Type { get; init; } = "function";
    public FunctionDefinition? Function { get; init; }
}

public sealed record FunctionDefinition
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
    public bool? Strict { get; init; }
}
