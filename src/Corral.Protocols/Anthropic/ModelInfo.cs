using System.Globalization;
using System.Text.Json.Serialization;
using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>One model in Anthropic's shape (<c>GET /v1/models/{model_id}</c>, an item of the list):
/// <c>{"type":"model","id","display_name","created_at"}</c>, <c>created_at</c> in RFC 3339, and for a local model
/// <c>max_input_tokens</c> and <c>max_tokens</c> (both the context it is served with: prompt and output share it).</summary>
public sealed record ModelInfo
{
    public string Type { get; init; } = "model";
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string CreatedAt { get; init; }

    /// <summary>The context window; null (left out) when not known, as for a route.</summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>The most tokens a reply may have; null (left out) when not known.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>A local model: its full name, its modification time as the release date, its served context.</summary>
    public static ModelInfo Of(ListModel model, int? contextLength = null) => new()
    {
        MaxInputTokens = contextLength,
        MaxTokens = contextLength,
        Id = model.Name,
        DisplayName = model.Name,
        // An unspecified kind is UTC, as the OpenAI listing reads it.
        CreatedAt = Rfc3339(model.ModifiedAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(model.ModifiedAt, DateTimeKind.Utc) : model.ModifiedAt),
    };

    /// <summary>A route of the router: a model name with no release date, so the epoch (as Anthropic does when the
    /// date is unknown).</summary>
    public static ModelInfo ForRoute(string name) => new() { Id = name, DisplayName = name, CreatedAt = Rfc3339(DateTime.UnixEpoch) };

    private static string Rfc3339(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary><c>GET /v1/models</c> in Anthropic's shape: one page, with the cursors for the next and previous pages.</summary>
public sealed record ModelInfoList
{
    public required ModelInfo[] Data { get; init; }
    public bool HasMore { get; init; }

    /// <summary>The first id of <see cref="Data"/> (the <c>before_id</c> of the previous page); null when empty.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FirstId { get; init; }

    /// <summary>The last id of <see cref="Data"/> (the <c>after_id</c> of the next page); null when empty.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastId { get; init; }
}
