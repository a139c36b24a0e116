namespace Corral.Routing.Log;

/// <summary>
/// One row of the router's log: one attempt at one target, frontier or local, in one schema so both routes can be
/// compared. A call that fell back has several rows with the same <see cref="RequestId"/> (attempt 1, 2, ...); the
/// answer the client got is the row with <see cref="Served"/> set. A shadow call has its own request id and the same
/// <see cref="PairId"/> as the call it shadows.
/// </summary>
public sealed record AttemptRecord
{
    /// <summary>When the attempt started (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required string RequestId { get; init; }

    /// <summary>1-based order of this attempt within its request.</summary>
    public required int Attempt { get; init; }

    /// <summary>Links a call and its shadow (both rows carry it); null when not shadowed.</summary>
    public string? PairId { get; init; }

    /// <summary>The virtual model name the client asked for.</summary>
    public required string Route { get; init; }

    /// <summary>Why this target was tried: <c>primary</c>, <c>fallback:rate_limited</c>, <c>fast_path:task=classify</c>,
    /// <c>escalation:schema_mismatch</c>, <c>shadow</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The client's protocol: <c>ollama</c>, <c>openai</c> or <c>anthropic</c>.</summary>
    public required string Protocol { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>Whether this attempt's answer went to the client.</summary>
    public bool Served { get; init; }

    /// <summary><see cref="Upstreams.FailureClasses.Name"/> of the failure, or null when it succeeded.</summary>
    public string? ErrorClass { get; init; }

    /// <summary>The upstream's HTTP status on failure.</summary>
    public int? Status { get; init; }

    /// <summary>Short error text (no keys, no paths).</summary>
    public string? Error { get; init; }

    public int? TokensIn { get; init; }

    public int? TokensOut { get; init; }

    public int? TokensCached { get; init; }

    /// <summary>Milliseconds from the attempt's start to its first chunk.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    public required double DurationMs { get; init; }

    /// <summary>Estimated US dollars from the provider's prices (0 for local).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>For a local answer: what the route's first frontier target would have cost for the same tokens.</summary>
    public decimal? CostAvoidedUsd { get; init; }

    /// <summary>Native done reason: <c>stop</c>, <c>length</c>, ...</summary>
    public string? FinishReason { get; init; }

    /// <summary>Whether the answer met the requested JSON schema; null when none was requested.</summary>
    public bool? SchemaOk { get; init; }

    /// <summary>SHA-256 (hex) of the prompt messages as JSON.</summary>
    public string? PromptHash { get; init; }

    /// <summary>SHA-256 (hex) of the answer text.</summary>
    public string? OutputHash { get; init; }

    /// <summary>Prompt messages as JSON, only when the log is configured with <c>content: full</c>.</summary>
    public string? Prompt { get; init; }

    /// <summary>The answer text, only when the log is configured with <c>content: full</c>.</summary>
    public string? Output { get; init; }

    /// <summary>The call's task (<c>X-Corral-Task</c> header, else <c>metadata.task</c>); null when none was named.
    /// Rows written before schema version 2 have none.</summary>
    public string? Task { get; init; }
}
