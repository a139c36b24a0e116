namespace Corral.Api.Models;

/// <summary>A chat message.</summary>
public sealed record Message
{
    public string Role { get; init; } = "";
    public string Content { get; init; } = "";
    public string? Thinking { get; init; }
    public string[]? Images { get; init; }
    public ToolCall[]? ToolCalls { get; init; }
    public string? ToolName { get; init; }
    public string? ToolCallId { get; init; }
}
