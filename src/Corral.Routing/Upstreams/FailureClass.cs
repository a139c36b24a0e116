namespace Corral.Routing.Upstreams;

/// <summary>Why one attempt at a target failed. Each class has its own next step (see the fallback policy): most move
/// on to the next target; <see cref="BadRequest"/> does not (the request itself is wrong, another target would say the
/// same). Written to the log as the snake_case name (<see cref="FailureClasses.Name"/>).</summary>
public enum FailureClass
{
    /// <summary>TCP connect refused, reset, DNS failure, TLS failure.</summary>
    ConnectFailed,

    /// <summary>No connection within the target's connect budget.</summary>
    ConnectTimeout,

    /// <summary>Connected, but no first token within the first-token budget.</summary>
    FirstTokenTimeout,

    /// <summary>The stream went silent for longer than the idle budget.</summary>
    IdleTimeout,

    /// <summary>HTTP 5xx other than overloaded.</summary>
    ServerError,

    /// <summary>HTTP 529 or an <c>overloaded_error</c>.</summary>
    Overloaded,

    /// <summary>HTTP 429 rate limit (honours <c>Retry-After</c>, short cooldown).</summary>
    RateLimited,

    /// <summary>Quota or billing exhausted: 429 <c>insufficient_quota</c>, 402, billing errors (long cooldown).</summary>
    QuotaExhausted,

    /// <summary>401/403: a wrong or revoked key (long cooldown: it will not fix itself).</summary>
    AuthFailed,

    /// <summary>400/404/413/422: the request is wrong for this upstream. Not retried elsewhere.</summary>
    BadRequest,

    /// <summary>The stream ended (connection closed, malformed event) before the answer was complete.</summary>
    StreamCut,

    /// <summary>A local model failed (load or decode error).</summary>
    LocalFailed,
}

public static class FailureClasses
{
    /// <summary>The log's name for a class: <c>connect_failed</c>, <c>rate_limited</c>, ...</summary>
    public static string Name(this FailureClass failure) => failure switch
    {
        FailureClass.ConnectFailed => "connect_failed",
        FailureClass.ConnectTimeout => "connect_timeout",
        FailureClass.FirstTokenTimeout => "first_token_timeout",
        FailureClass.IdleTimeout => "idle_timeout",
        FailureClass.ServerError => "server_error",
        FailureClass.Overloaded => "overloaded",
        FailureClass.RateLimited => "rate_limited",
        FailureClass.QuotaExhausted => "quota_exhausted",
        FailureClass.AuthFailed => "auth_failed",
        FailureClass.BadRequest => "bad_request",
        FailureClass.StreamCut => "stream_cut",
        FailureClass.LocalFailed => "local_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
