namespace Corral.Routing.Log;

/// <summary>Reads the router's log back (the HTTP API and <c>corral log</c>). Implemented by <see cref="SqliteRouterLog"/>.</summary>
public interface IRouterLogReader
{
    /// <summary>Rows matching the query, newest first, at most <see cref="RouterLogQuery.Limit"/>
    /// (<see cref="RouterLogQuery.DefaultLimit"/> when unset, never more than <see cref="RouterLogQuery.MaxLimit"/>).</summary>
    Task<IReadOnlyList<AttemptRecord>> QueryAsync(RouterLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every row matching the query, newest first, read as it is enumerated (exports); a set
    /// <see cref="RouterLogQuery.Limit"/> caps it, an unset one does not.</summary>
    IAsyncEnumerable<AttemptRecord> StreamAsync(RouterLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Shadowed calls, newest first: the served primary attempt (which the query's filters select) and its
    /// shadow's attempt, joined by pair id. Limited like <see cref="QueryAsync"/>.</summary>
    Task<IReadOnlyList<AttemptPair>> ComparePairsAsync(RouterLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Totals per route and provider over every row the query selects (its limit, when set, caps the rows).</summary>
    Task<RouterLogSummary> SummarizeAsync(RouterLogQuery query, CancellationToken cancellationToken = default);
}
