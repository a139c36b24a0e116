using System.Text.Json;

namespace Corral.Api.Models;

/// <summary>A tool the model may call.</summary>
public sealed record Tool
{
    public string Type { get; init; } = "function";
    public ToolFunction Function { get; init; } = new();
}

public sealed record ToolFunction
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>JSON Schema of the arguments, kept as sent (key order preserved).</summary>
    public JsonElement? Parameters { get; init; }
}

/// <summary>A call the model made.</summary>
public sealed record ToolCall
{
    public string? Id { get; init; }
    public ToolCallFunction Function { get; init; } = new();
}

public sealed record ToolCallFunction
{
    public int? Index { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Arguments as a JSON object (key order preserved).</summary>
    public JsonElement? Arguments { get; init; }
}
