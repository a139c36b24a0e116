using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Corral.Routing.Upstreams;

/// <summary>
/// The one place upstream failures are classified, for every provider: HTTP statuses with their error bodies,
/// in-band error events, and transport exceptions. Messages name the provider, the status and the upstream's own
/// message (trimmed to 500 characters) and never hold the key (it is scrubbed even if an upstream echoes it).
/// </summary>
internal static class UpstreamErrors
{
    private const int MaxUpstreamText = 500;

    /// <summary>A non-success HTTP answer.</summary>
    public static UpstreamException FromStatus(string provider, int status, HttpResponseHeaders headers, string body, TimeProvider time, string? secret)
    {
        var (type, code, message) = ParseBody(body);
        var failure = Classify(status, type, code, message);
        var retryAfter = RetryAfter(headers, time);
        var text = $"{provider}: HTTP {status}{(type is null ? "" : $" {type}")}: {Trim(message ?? body, secret)}";
        return new UpstreamException(failure, text.TrimEnd(' ', ':'), status, retryAfter);
    }

    /// <summary>An error sent inside a stream that had started (Anthropic's <c>error</c> event, an OpenAI-style
    /// <c>data: {"error":...}</c>).</summary>
    public static UpstreamException InBand(string provider, UpstreamErrorDetail? error, string? secret)
    {
        var code = CodeOf(error?.Code);
        var failure = Classify(0, error?.Type, code, error?.Message);
        return new UpstreamException(failure, $"{provider}: error in stream ({error?.Type ?? code ?? "unknown"}): {Trim(error?.Message ?? "", secret)}");
    }

    /// <summary>A stream that ended or broke before the answer was complete.</summary>
    public static UpstreamException StreamCut(string provider, string what, Exception? inner = null) =>
        new(FailureClass.StreamCut, $"{provider}: stream cut: {what}", inner: inner);

    public static UpstreamException FirstTokenTimeout(string provider, TimeSpan budget) =>
        new(FailureClass.FirstTokenTimeout, $"{provider}: no first token within {budget.TotalMilliseconds:0} ms");

    public static UpstreamException IdleTimeout(string provider, TimeSpan budget) =>
        new(FailureClass.IdleTimeout, $"{provider}: stream silent for more than {budget.TotalMilliseconds:0} ms");

    /// <summary>An exception from sending or reading (not the client's cancellation, not a budget timer).</summary>
    public static UpstreamException Transport(string provider, Exception exception, bool responseStarted)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConnectBudgetExceededException budget)
            {
                return new UpstreamException(FailureClass.ConnectTimeout, $"{provider}: no connection within {budget.Budget.TotalMilliseconds:0} ms", inner: exception);
            }

            if (e is TimeoutException && !responseStarted)
            {
                return new UpstreamException(FailureClass.ConnectTimeout, $"{provider}: connect timed out", inner: exception);
            }
        }

        if (responseStarted)
        {
            return StreamCut(provider, Innermost(exception), exception);
        }

        return exception is HttpRequestException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException
            ? new UpstreamException(FailureClass.ConnectFailed, $"{provider}: cannot connect: {Innermost(exception)}", inner: exception)
            : new UpstreamException(FailureClass.ServerError, $"{provider}: request failed: {Innermost(exception)}", inner: exception);
    }

    /// <summary>Status first where it is decisive; the error's type/code refine it (quota vs rate limit, overloaded).</summary>
    internal static FailureClass Classify(int status, string? type, string? code, string? message)
    {
        if (IsQuota(type) || IsQuota(code) || status == 402
            || (message?.Contains("credit balance is too low", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return FailureClass.QuotaExhausted;
        }

        if (status == 529 || type == "overloaded_error" || code == "overloaded_error")
        {
            return FailureClass.Overloaded;
        }

        return status switch
        {
            429 => FailureClass.RateLimited,
            401 or 403 => FailureClass.AuthFailed,
            400 or 404 or 413 or 422 => FailureClass.BadRequest,
            >= 500 => FailureClass.ServerError,
            >= 400 and < 500 and not 408 and not 409 => FailureClass.BadRequest,
            0 => type switch
            {
                "rate_limit_error" or "rate_limit_exceeded" => FailureClass.RateLimited,
                "authentication_error" or "permission_error" => FailureClass.AuthFailed,
                "invalid_request_error" or "not_found_error" or "request_too_large" => FailureClass.BadRequest,
                _ => FailureClass.ServerError,
            },
            _ => FailureClass.ServerError,
        };
    }

    private static bool IsQuota(string? value) =>
        value is not null && (value == "insufficient_quota" || value.Contains("billing", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>retry-after-ms</c> (OpenAI) wins over <c>Retry-After</c> (seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var retry = headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta;
        }

        if (retry?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Reads <c>{"error":{"type","code","message"}}</c> (OpenAI, Anthropic), <c>{"error":"text"}</c> or
    /// <c>{"message":"text"}</c>; anything else leaves the raw body as the message.</summary>
    private static (string? Type, string? Code, string? Message) ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return (null, null, error.GetString());
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    return (StringOf(error, "type"), CodeOf(error.TryGetProperty("code", out var c) ? c : null), StringOf(error, "message"));
                }
            }

            return (StringOf(root, "type") is "error" ? null : StringOf(root, "type"), null, StringOf(root, "message"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? CodeOf(JsonElement? code) => code switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e == exception ? e.Message : $"{exception.Message} ({e.Message})";
    }

    /// <summary>Upstream text as a message may hold it: one line, at most 500 characters, never the key.</summary>
    internal static string Trim(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxUpstreamText ? text : string.Concat(text.AsSpan(0, MaxUpstreamText), "…");
    }
}

/// <summary>Thrown by the connect callback when a connection takes longer than the attempt's connect budget.</summary>
internal sealed class ConnectBudgetExceededException(TimeSpan budget)
    : TimeoutException($"no connection within {budget.TotalMilliseconds:0} ms")
{
    public TimeSpan Budget { get; } = budget;
}
