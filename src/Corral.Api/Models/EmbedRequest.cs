using System.Text.Json;

namespace Corral.Api.Models;

/// <summary>Body of <c>POST /api/embed</c>.</summary>
public sealed record EmbedRequest
{
    public string? Model { get; init; }
    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Input { get; init; }
    public bool? Truncate { get; init; }
    public int? Dimensions { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
    public JsonElement? KeepAlive { get; init; }
}

/// <summary>Answer of <c>POST /api/embed</c>: one L2-normalized vector per input.</summary>
public sealed record EmbedResponse
{
    public string Model { get; init; } = "";
    public float[][] Embeddings { get; init; } = [];
    public long? TotalDuration { get; init; }
    public long? LoadDuration { get; init; }
    public int? PromptEvalCount { get; init; }
    /// <summary>Corral extension: tokens dropped from inputs that were longer than the context.</summary>
    public int? TruncatedTokens { get; init; }
}

/// <summary>Body of the legacy <c>POST /api/embeddings</c>.</summary>
public sealed record EmbeddingsRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
    public JsonElement? KeepAlive { get; init; }
}

/// <summary>Answer of the legacy <c>POST /api/embeddings</c> (not normalized).</summary>
public sealed record EmbeddingsResponse
{
    public double[] Embedding { get; init; } = [];
}
