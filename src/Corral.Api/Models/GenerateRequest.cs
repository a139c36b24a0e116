using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Api.Models;

/// <summary>Body of <c>POST /api/generate</c>.</summary>
public sealed record GenerateRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public string? Suffix { get; init; }
    public string? System { get; init; }
    public string? Template { get; init; }
    /// <summary>Deprecated: tokens of an earlier exchange, prepended to the prompt.</summary>
    public int[]? Context { get; init; }
    public bool? Stream { get; init; }
    public bool Raw { get; init; }
    /// <summary><c>"json"</c> or a JSON Schema object.</summary>
    public JsonElement? Format { get; init; }
    /// <summary>Seconds (number) or a Go duration string.</summary>
    public JsonElement? KeepAlive { get; init; }
    public string[]? Images { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
    /// <summary><c>true</c>/<c>false</c> or a level (<c>"low"</c>, <c>"medium"</c>, <c>"high"</c>, <c>"max"</c>).</summary>
    public JsonElement? Think { get; init; }
    public bool? Truncate { get; init; }
    public bool? Shift { get; init; }
    public bool Logprobs { get; init; }
    public int? TopLogprobs { get; init; }

    [JsonPropertyName("_debug_render_only")]
    public bool DebugRenderOnly { get; init; }
}
