namespace Corral.Routing.Log;

/// <summary><c>GET /api/router/log/summary</c>: per route and provider, over the rows a query selects.</summary>
public sealed record RouterLogSummary(IReadOnlyList<RouteProviderSummary> Groups);

/// <summary>Totals and latency percentiles for one route on one provider.</summary>
public sealed record RouteProviderSummary
{
    public required string Route { get; init; }

    public required string Provider { get; init; }

    /// <summary>Attempts (rows), shadows included.</summary>
    public required int Calls { get; init; }

    /// <summary>Attempts whose answer went to the client.</summary>
    public required int Served { get; init; }

    /// <summary>Failed attempts by error class (<c>rate_limited</c>, ...).</summary>
    public required IReadOnlyDictionary<string, int> Errors { get; init; }

    /// <summary>Attempts made because an earlier target failed (reason <c>fallback:*</c>).</summary>
    public required int Fallbacks { get; init; }

    public required long TokensIn { get; init; }

    public required long TokensOut { get; init; }

    public required decimal CostUsd { get; init; }

    public required decimal CostAvoidedUsd { get; init; }

    public required double DurationP50Ms { get; init; }

    public required double DurationP95Ms { get; init; }

    /// <summary>Null when no attempt of the group reported a first token.</summary>
    public double? TtftP50Ms { get; init; }

    public double? TtftP95Ms { get; init; }
}
