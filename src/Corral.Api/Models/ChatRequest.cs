using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Api.Models;

/// <summary>Body of <c>POST /api/chat</c>.</summary>
public sealed record ChatRequest
{
    public string? Model { get; init; }
    public Message[]? Messages { get; init; }
    public Tool[]? Tools { get; init; }
    public JsonElement? Format { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
    public bool? Stream { get; init; }
    public JsonElement? KeepAlive { get; init; }
    public JsonElement? Think { get; init; }
    public bool? Truncate { get; init; }
    public bool? Shift { get; init; }
    public bool Logprobs { get; init; }
    public int? TopLogprobs { get; init; }

    /// <summary>Corral extension, not in Ollama's API: the model must call a tool (the OpenAI and Anthropic mappers set it
    /// from <c>tool_choice</c>); enforced by grammar.</summary>
    [JsonPropertyName("_require_tool_call")]
    public RequiredToolCall? RequireToolCall { get; init; }

    [JsonPropertyName("_debug_render_only")]
    public bool DebugRenderOnly { get; init; }
}
