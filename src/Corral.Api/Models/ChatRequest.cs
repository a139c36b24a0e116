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

    [JsonPropertyName("_debug_render_only")]
    public bool DebugRenderOnly { get; init; }
}
