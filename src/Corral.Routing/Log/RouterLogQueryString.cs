using System.Globalization;

namespace Corral.Routing.Log;

/// <summary>Reads a <see cref="RouterLogQuery"/> from query-string pairs (the HTTP API and the CLI share it), checking
/// every value: an unknown or repeated key, an empty value, a bad instant or limit is an error that says which.</summary>
public static class RouterLogQueryString
{
    public const string Route = "route";
    public const string Provider = "provider";
    public const string Model = "model";
    public const string Reason = "reason";
    public const string ErrorClass = "error_class";
    public const string Errors = "errors";
    public const string Served = "served";
    public const string RequestId = "request_id";
    public const string PairId = "pair_id";
    public const string Task = "task";
    public const string Since = "since";
    public const string Until = "until";
    public const string Limit = "limit";

    private const int MaxValueLength = 512;

    private static readonly HashSet<string> Known =
        [Route, Provider, Model, Reason, ErrorClass, Errors, Served, RequestId, PairId, Task, Since, Until, Limit];

    /// <summary>Parses the pairs. <paramref name="now"/> anchors relative instants (<c>since=1h</c> = one hour before
    /// now); <paramref name="maxLimit"/> bounds <c>limit</c>; keys in <paramref name="extraKeys"/> are the caller's
    /// (e.g. <c>format</c>) and skipped here.</summary>
    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> parameters, DateTimeOffset now, int maxLimit,
        out RouterLogQuery query, out string error, IReadOnlyCollection<string>? extraKeys = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        query = new RouterLogQuery();
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, raw) in parameters)
        {
            if (extraKeys?.Contains(key) == true)
            {
                continue;
            }

            if (!Known.Contains(key))
            {
                error = $"unknown query parameter '{key}' (known: {string.Join(", ", Known.Order(StringComparer.Ordinal))})";
                return false;
            }

            if (!seen.Add(key))
            {
                error = $"query parameter '{key}' is given more than once";
                return false;
            }

            var value = raw?.Trim() ?? "";
            if (value.Length == 0)
            {
                error = $"query parameter '{key}' is empty";
                return false;
            }

            if (value.Length > MaxValueLength)
            {
                error = $"query parameter '{key}' is longer than {MaxValueLength} characters";
                return false;
            }

            switch (key)
            {
                case Route: query = query with { Route = value }; break;
                case Provider: query = query with { Provider = value }; break;
                case Model: query = query with { Model = value }; break;
                case Reason: query = query with { ReasonPrefix = value }; break;
                case ErrorClass: query = query with { ErrorClass = value }; break;
                case RequestId: query = query with { RequestId = value }; break;
                case PairId: query = query with { PairId = value }; break;
                case Task: query = query with { Task = value }; break;
                case Errors or Served:
                    if (!TryParseBool(value, out var flag))
                    {
                        error = $"query parameter '{key}' must be true or false, not '{value}'";
                        return false;
                    }

                    query = key == Errors ? query with { ErrorsOnly = flag } : query with { ServedOnly = flag };
                    break;
                case Since or Until:
                    if (!TryParseInstant(value, now, out var instant))
                    {
                        error = $"query parameter '{key}' must be an RFC 3339 time (2026-01-31T12:00:00Z) or an age " +
                                $"like 30s, 15m, 1h, 7d, 2w; got '{value}'";
                        return false;
                    }

                    query = key == Since ? query with { Since = instant } : query with { Until = instant };
                    break;
                case Limit:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > maxLimit)
                    {
                        error = $"query parameter 'limit' must be a whole number from 1 to {maxLimit.ToString(CultureInfo.InvariantCulture)}; got '{value}'";
                        return false;
                    }

                    query = query with { Limit = limit };
                    break;
            }
        }

        if (query is { Since: { } from, Until: { } to } && from > to)
        {
            error = "query parameter 'since' is after 'until'";
            return false;
        }

        return true;
    }

    /// <summary>An RFC 3339 instant (an offset is required unless it is a bare date, read as UTC) or an age before
    /// <paramref name="now"/>: a whole number and one of <c>s m h d w</c>.</summary>
    public static bool TryParseInstant(string text, DateTimeOffset now, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(text);
        instant = default;
        if (text.Length >= 2 && char.IsAsciiLetterLower(text[^1])
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan unit = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => TimeSpan.Zero,
            };
            if (unit == TimeSpan.Zero || amount > TimeSpan.MaxValue.Ticks / unit.Ticks)
            {
                return false;
            }

            var age = TimeSpan.FromTicks(amount * unit.Ticks);
            if (now - DateTimeOffset.MinValue < age)
            {
                return false;
            }

            instant = now - age;
            return true;
        }

        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd",
        ];
        if (!DateTimeOffset.TryParseExact(text.Replace(' ', 'T').Replace('t', 'T').Replace('z', 'Z'), formats,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
        {
            return false;
        }

        // A date-time must say its offset (RFC 3339); only a bare date is taken as UTC midnight.
        var hasOffset = text.Length == 10 || text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;
        return hasOffset;
    }

    private static bool TryParseBool(string value, out bool flag)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                flag = true;
                return true;
            case "false" or "0" or "no":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }
}
