using System.Text.Json.Serialization;

namespace Corral.Api.Models;

/// <summary>Log-probability of one generated token, with the most likely alternatives.</summary>
public sealed record Logprob
{
    public string Token { get; init; } = "";

    [JsonPropertyName("logprob")]
    public double Value { get; init; }

    public int[]? Bytes { get; init; }
    public TopLogprobEntry[]? TopLogprobs { get; init; }
}

public sealed record TopLogprobEntry
{
    public string Token { get; init; } = "";

    [JsonPropertyName("logprob")]
    public double Value { get; init; }

    public int[]? Bytes { get; init; }
}
