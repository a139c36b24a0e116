using System.Text.Json;

namespace Corral.Api.Models;

/// <summary>Body of <c>POST /api/show</c>. <c>name</c> is the older spelling of <c>model</c>.</summary>
public sealed record ShowRequest
{
    public string? Model { get; init; }
    public string? Name { get; init; }
    public bool Verbose { get; init; }
    public string? System { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
}

/// <summary>Answer of <c>POST /api/show</c>.</summary>
public sealed record ShowResponse
{
    public string? License { get; init; }
    public string? Modelfile { get; init; }
    public string? Parameters { get; init; }
    public string? Template { get; init; }
    public string? System { get; init; }
    public ModelDetails Details { get; init; } = new();
    public Message[]? Messages { get; init; }
    public Dictionary<string, JsonElement>? ModelInfo { get; init; }
    public TensorInfo[]? Tensors { get; init; }
    public string[]? Capabilities { get; init; }
    public DateTime ModifiedAt { get; init; }
}

public sealed record TensorInfo
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public long[] Shape { get; init; } = [];
}
