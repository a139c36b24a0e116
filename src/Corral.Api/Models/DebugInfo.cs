namespace Corral.Api.Models;

/// <summary>Answer to <c>_debug_render_only</c>: the prompt exactly as the model would have received it.</summary>
public sealed record DebugInfo
{
    public string RenderedTemplate { get; init; } = "";
    public int ImageCount { get; init; }
}
