using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.OpenAI;

/// <summary>Body of the legacy <c>POST /v1/completions</c>.</summary>
public sealed record CompletionRequest
{
    public string? Model { get; init; }
    /// <summary>A string (or an array holding exactly one string).</summary>
    public JsonElement? Prompt { get; init; }
    public string? Suffix { get; init; }
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public long? Seed { get; init; }
    public JsonElement? Stop { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    /// <summary>How many alternatives to report per token (0-5); any value turns logprobs on.</summary>
    public int? Logprobs { get; init; }
    public bool? Echo { get; init; }
    public int? N { get; init; }
    public int? BestOf { get; init; }
    public Dictionary<string, JsonElement>? LogitBias { get; init; }
    public string? User { get; init; }
    public int? NumCtx { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
    public JsonElement? KeepAlive { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A legacy completion (<c>object: "text_completion"</c>); streamed chunks have the same shape.</summary>
public sealed record TextCompletion
{
    public string Id { get; init; } = "";
    public string Object { get; init; } = "text_completion";
    public long Created { get; init; }
    public string Model { get; init; } = "";
    public string SystemFingerprint { get; init; } = OpenAIIds.SystemFingerprint;
    public CompletionChoice[] Choices { get; init; } = [];
    public Usage? Usage { get; init; }
}

public sealed record CompletionChoice
{
    public string Text { get; init; } = "";
    public int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public CompletionLogprobs? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

/// <summary>The legacy logprobs shape: parallel arrays per token.</summary>
public sealed record CompletionLogprobs
{
    public string[] Tokens { get; init; } = [];
    public double[] TokenLogprobs { get; init; } = [];
    public Dictionary<string, double>[] TopLogprobs { get; init; } = [];
    public int[] TextOffset { get; init; } = [];
}
