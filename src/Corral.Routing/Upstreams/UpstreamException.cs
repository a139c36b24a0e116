namespace Corral.Routing.Upstreams;

/// <summary>One attempt at a provider failed, classified. <see cref="Exception.Message"/> is safe to show a client and
/// to log: it never holds a key or an absolute server path (upstream error text is kept, trimmed to 500 chars).</summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(FailureClass failure, string message, int? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Status = status;
        RetryAfter = retryAfter;
    }

    public FailureClass Failure { get; }

    /// <summary>The upstream's HTTP status, when it answered.</summary>
    public int? Status { get; }

    /// <summary>The upstream's <c>Retry-After</c> (seconds or HTTP date), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
