using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// Body of <c>POST /v1/messages</c> and <c>POST /v1/messages/count_tokens</c>. Fields Corral does not know land in
/// <see cref="Unknown"/> and are refused by <see cref="RequestMapper"/> (see its <c>Accepted</c> list).
/// </summary>
public sealed record MessagesRequest
{
    public string? Model { get; init; }
    public InputMessage[]? Messages { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>A string or an array of text blocks.</summary>
    public JsonElement? System { get; init; }
    public bool? Stream { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public string[]? StopSequences { get; init; }
    public ToolDefinition[]? Tools { get; init; }
    public ToolChoice? ToolChoice { get; init; }
    public ThinkingConfig? Thinking { get; init; }

    /// <summary><c>user_id</c> (validated, ignored) and Corral's <c>task</c> for the router (see <see cref="AnthropicMetadata"/>).</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Accepted and ignored.</summary>
    public JsonElement? ServiceTier { get; init; }

    /// <summary>Accepted and ignored (a beta field Claude Code sends).</summary>
    public JsonElement? ContextManagement { get; init; }

    /// <summary><c>effort</c> becomes the thinking level when thinking is on.</summary>
    public OutputConfig? OutputConfig { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>One turn: <c>content</c> is a string or an array of content blocks.</summary>
public sealed record InputMessage
{
    public string? Role { get; init; }
    public JsonElement? Content { get; init; }
}

/// <summary>A request content block; which fields matter depends on <see cref="Type"/>. Extra fields such as
/// <c>cache_control</c>, <c>citations</c> or <c>signature</c> are tolerated.</summary>
public sealed record InputBlock
{
    public string? Type { get; init; }
    public string? Text { get; init; }
    public ImageSource? Source { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JsonElement? Input { get; init; }
    public string? ToolUseId { get; init; }

    /// <summary><c>tool_result</c> content: a string or text/image blocks.</summary>
    public JsonElement? Content { get; init; }
    public bool? IsError { get; init; }
    public string? Thinking { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An image block's source; only <c>base64</c> is supported.</summary>
public sealed record ImageSource
{
    public string? Type { get; init; }
    public string? MediaType { get; init; }
    public string? Data { get; init; }
    public string? Url { get; init; }
}

/// <summary>A client tool. A <c>type</c> other than <c>custom</c> names a server tool Corral does not run.</summary>
public sealed record ToolDefinition
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? InputSchema { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>auto</c>, <c>any</c> / <c>tool</c> (a call is required, enforced by grammar) or <c>none</c> (tools are not offered).</summary>
public sealed record ToolChoice
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public bool? DisableParallelToolUse { get; init; }
}

/// <summary><c>enabled</c>/<c>adaptive</c> turn thinking on, <c>disabled</c> off; <c>budget_tokens</c> is ignored.</summary>
public sealed record ThinkingConfig
{
    public string? Type { get; init; }
    public int? BudgetTokens { get; init; }
}

/// <summary><c>output_config</c>: <c>effort</c> (a thinking level) and <c>format</c> (structured output).</summary>
public sealed record OutputConfig
{
    public string? Effort { get; init; }

    /// <summary><c>{"type":"json_schema","schema":{...}}</c>: the answer is forced to the schema by grammar, as the
    /// native <c>format</c> is.</summary>
    public OutputFormat? Format { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>output_config.format</c>: only <c>json_schema</c> exists.</summary>
public sealed record OutputFormat
{
    public string? Type { get; init; }
    public JsonElement? Schema { get; init; }
}
