namespace Corral.Routing.Log;

/// <summary>A shadowed call: the answer the client got and the shadow target's answer to the same request, joined by
/// <see cref="AttemptRecord.PairId"/>. Both are whole rows (provider, model, output or its hash, tokens, ttft,
/// duration, cost, schema_ok, error).</summary>
public sealed record AttemptPair
{
    public required string PairId { get; init; }

    /// <summary>The route (virtual model) the client asked for.</summary>
    public required string Route { get; init; }

    /// <summary>The served attempt of the primary request.</summary>
    public required AttemptRecord Primary { get; init; }

    /// <summary>The shadow call's attempt (its last one when it had several).</summary>
    public required AttemptRecord Shadow { get; init; }
}
