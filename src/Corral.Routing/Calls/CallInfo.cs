namespace Corral.Routing.Calls;

/// <summary>What the server knows about a routed call besides the request body.</summary>
public sealed record CallInfo
{
    /// <summary>The client's protocol: <c>ollama</c>, <c>openai</c> or <c>anthropic</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>From the <c>X-Corral-Task</c> header (or request metadata), for fast-path rules.</summary>
    public string? Task { get; init; }

    /// <summary>The id every record of this call carries (and the server returns in <c>X-Corral-Request-Id</c>).</summary>
    public string RequestId { get; init; } = Ids.Request();

    /// <summary>Called once, just before the first chunk of the answer the client gets is handed out: the server
    /// sets its response headers here (headers are not sent yet at that point).</summary>
    public Action<ServedBy>? OnServed { get; init; }
}

/// <summary>Which target answers a call, and why.</summary>
public sealed record ServedBy(string RequestId, string Provider, string Model, string Reason, int Attempt, string? PairId);

internal static class Ids
{
    public static string Request() => "req_" + Guid.NewGuid().ToString("N");

    public static string Pair() => "pair_" + Guid.NewGuid().ToString("N");
}
