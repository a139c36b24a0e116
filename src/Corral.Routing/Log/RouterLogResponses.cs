namespace Corral.Routing.Log;

/// <summary><c>GET /api/router/log</c>: <c>{"records": [...]}</c>, newest first.</summary>
public sealed record RouterLogRecords(IReadOnlyList<AttemptRecord> Records);

/// <summary><c>GET /api/router/log/pairs</c>: <c>{"pairs": [...]}</c>, newest first.</summary>
public sealed record RouterLogPairs(IReadOnlyList<AttemptPair> Pairs);
