namespace Corral.TestKit.Upstreams;

public enum FakeFaultKind
{
    /// <summary>An HTTP error status with the vendor's error body.</summary>
    Status,

    /// <summary>Wait <see cref="FakeFault.Delay"/> before sending the response headers.</summary>
    SlowHeaders,

    /// <summary>Send the headers, then wait <see cref="FakeFault.Delay"/> before the first event.</summary>
    SlowFirstEvent,

    /// <summary>Abort the connection after <see cref="FakeFault.AfterEvents"/> events.</summary>
    Cut,

    /// <summary>Go silent for <see cref="FakeFault.Delay"/> after <see cref="FakeFault.AfterEvents"/> events.</summary>
    Stall,

    /// <summary>After <see cref="FakeFault.AfterEvents"/> events send an in-band error (Anthropic <c>error</c> event,
    /// OpenAI <c>data: {"error":...}</c>) and end the stream.</summary>
    ErrorEvent,

    /// <summary>After <see cref="FakeFault.AfterEvents"/> events send a data line that is not JSON.</summary>
    Malformed,

    /// <summary>Send the answer but end the stream without <c>message_stop</c> / <c>[DONE]</c>.</summary>
    NoTerminator,
}

/// <summary>One fault, consumed by one request (see <see cref="FakeUpstream.Enqueue"/>).</summary>
public sealed record FakeFault
{
    public required FakeFaultKind Kind { get; init; }
    public int Status { get; init; }

    /// <summary>The error's <c>type</c> (Anthropic and OpenAI bodies).</summary>
    public string? ErrorType { get; init; }

    /// <summary>OpenAI's <c>code</c>.</summary>
    public string? ErrorCode { get; init; }
    public string? Message { get; init; }
    public TimeSpan Delay { get; init; }
    public int AfterEvents { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeFault HttpStatus(int status, string type, string message, string? code = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new() { Kind = FakeFaultKind.Status, Status = status, ErrorType = type, ErrorCode = code, Message = message, Headers = headers ?? new Dictionary<string, string>() };

    public static FakeFault ServerError() => HttpStatus(500, "api_error", "Internal server error");

    public static FakeFault Unavailable() => HttpStatus(503, "api_error", "Service unavailable");

    /// <summary>529 with Anthropic's <c>overloaded_error</c> body.</summary>
    public static FakeFault Overloaded() => HttpStatus(529, "overloaded_error", "Overloaded");

    /// <summary>429 with <c>Retry-After: seconds</c>.</summary>
    public static FakeFault RateLimited(int? retryAfterSeconds = null) => HttpStatus(429, "rate_limit_error",
        "Rate limit reached for requests", "rate_limit_exceeded",
        retryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

    /// <summary>429 with <c>Retry-After</c> as an HTTP date.</summary>
    public static FakeFault RateLimitedUntil(DateTimeOffset until) => HttpStatus(429, "rate_limit_error", "Rate limit reached", "rate_limit_exceeded",
        new Dictionary<string, string> { ["Retry-After"] = until.ToString("R", System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>429 with OpenAI's <c>retry-after-ms</c>.</summary>
    public static FakeFault RateLimitedMs(int milliseconds) => HttpStatus(429, "rate_limit_error", "Rate limit reached", "rate_limit_exceeded",
        new Dictionary<string, string> { ["retry-after-ms"] = milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>OpenAI's 429 for an exhausted quota.</summary>
    public static FakeFault InsufficientQuota() => HttpStatus(429, "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota");

    /// <summary>Anthropic's 400 for an empty credit balance.</summary>
    public static FakeFault CreditBalanceTooLow() => HttpStatus(400, "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");

    /// <summary>402 with a <c>billing_error</c>.</summary>
    public static FakeFault PaymentRequired() => HttpStatus(402, "billing_error", "Payment required");

    public static FakeFault Unauthorized() => HttpStatus(401, "authentication_error", "invalid x-api-key", "invalid_api_key");

    public static FakeFault Forbidden() => HttpStatus(403, "permission_error", "Your API key does not have permission to use the specified resource.");

    public static FakeFault BadRequest(string message = "messages: field required") => HttpStatus(400, "invalid_request_error", message);

    public static FakeFault NotFound() => HttpStatus(404, "not_found_error", "model: not found");

    public static FakeFault SlowHeaders(TimeSpan delay) => new() { Kind = FakeFaultKind.SlowHeaders, Delay = delay };

    public static FakeFault SlowFirstEvent(TimeSpan delay) => new() { Kind = FakeFaultKind.SlowFirstEvent, Delay = delay };

    public static FakeFault CutAfter(int events) => new() { Kind = FakeFaultKind.Cut, AfterEvents = events };

    public static FakeFault StallAfter(int events, TimeSpan delay) => new() { Kind = FakeFaultKind.Stall, AfterEvents = events, Delay = delay };

    public static FakeFault ErrorEventAfter(int events, string type = "overloaded_error", string message = "Overloaded") =>
        new() { Kind = FakeFaultKind.ErrorEvent, AfterEvents = events, ErrorType = type, Message = message };

    public static FakeFault MalformedAfter(int events) => new() { Kind = FakeFaultKind.Malformed, AfterEvents = events };

    public static FakeFault NoTerminator() => new() { Kind = FakeFaultKind.NoTerminator };
}
