using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>
/// One place a chat can be answered: Anthropic's Messages API, an OpenAI-compatible Chat Completions API, or Corral's
/// own local models. The request and the answer are in Corral's native shape (<c>/api/chat</c>): the router translates
/// once per protocol at the edges, and every provider streams native chunks, the last with <c>Done</c>, token counts
/// and <c>DoneReason</c>.
/// </summary>
/// <remarks>
/// Failures are <see cref="UpstreamException"/>s, thrown from the enumerator: before the first chunk (connect, status,
/// first-token budget) or later (idle budget, stream cut, in-band error events). A provider enforces the
/// <see cref="TargetTimeouts"/> it is given. Cancellation of <c>cancellationToken</c> is the client leaving and is
/// never turned into an <see cref="UpstreamException"/>.
/// </remarks>
public interface IChatProvider
{
    /// <summary>The provider's name in the routes file.</summary>
    string Name { get; }

    /// <summary>Corral's own models: never cooled down, loading is not a failure.</summary>
    bool IsLocal { get; }

    /// <summary>Streams an answer. <paramref name="request"/>.Model is the provider's model id (the route already
    /// replaced the virtual name); Stream is ignored (providers always stream).</summary>
    IAsyncEnumerable<ChatResponse> StreamAsync(ChatRequest request, TargetTimeouts timeouts, CancellationToken cancellationToken);
}

/// <summary>Time budgets of one attempt; null = no limit.</summary>
public sealed record TargetTimeouts
{
    public static readonly TargetTimeouts None = new();

    /// <summary>Establishing the connection (TCP + TLS).</summary>
    public TimeSpan? Connect { get; init; }

    /// <summary>From sending the request to the first content, thinking or tool-call chunk.</summary>
    public TimeSpan? FirstToken { get; init; }

    /// <summary>Longest silence between two chunks after the first.</summary>
    public TimeSpan? Idle { get; init; }
}
