using Corral.Api.Models;

namespace Corral.Prompting.Output.Forcing;

/// <summary>A request that the model must call a tool: <see cref="Name"/> names the one it must call, or null for any of
/// <see cref="Tools"/>. <see cref="Thinking"/> lets a reasoning block come first (when the answer is split).</summary>
public sealed record ForcedToolCall(IReadOnlyList<Tool> Tools, string? Name, ThinkingMarkers? Thinking = null);

/// <summary>A template's reasoning markers; <see cref="PromptOpens"/> when the prompt already opened the block.</summary>
public sealed record ThinkingMarkers(string Open, string Close, bool PromptOpens);
