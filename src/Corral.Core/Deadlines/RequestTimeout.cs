using System.Globalization;
using Corral.Api;

namespace Corral.Core.Deadlines;

/// <summary>
/// Reads a request timeout (<c>X-Corral-Timeout</c>, <c>CORRAL_REQUEST_TIMEOUT</c>): a number of seconds
/// (<c>30</c>, <c>2.5</c>) or a Go duration (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>). Zero means no deadline;
/// negative values, and anything longer than <see cref="Longest"/>, are refused.
/// </summary>
public static class RequestTimeout
{
    /// <summary>The longest deadline accepted: a longer one is almost certainly a unit mistake.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    /// <summary>The timeout, or null for none (empty or zero).</summary>
    /// <exception cref="FormatException">Not a duration, negative, or longer than <see cref="Longest"/>.</exception>
    public static TimeSpan? Parse(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        TimeSpan timeout;
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds))
            {
                throw new FormatException($"\"{text}\" is not a duration (use seconds such as 30, or 30s, 1m30s, 500ms)");
            }

            if (seconds < 0)
            {
                throw new FormatException($"\"{text}\" is negative");
            }

            if (seconds > Longest.TotalSeconds)
            {
                throw new FormatException($"\"{text}\" is longer than {new OllamaDuration(Longest)}");
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }
        else if (GoDuration.TryParse(text, out var nanoseconds))
        {
            if (nanoseconds < 0)
            {
                throw new FormatException($"\"{text}\" is negative");
            }

            timeout = TimeSpan.FromTicks(nanoseconds / 100);
            if (timeout > Longest)
            {
                throw new FormatException($"\"{text}\" is longer than {new OllamaDuration(Longest)}");
            }
        }
        else
        {
            throw new FormatException($"\"{text}\" is not a duration (use seconds such as 30, or 30s, 1m30s, 500ms)");
        }

        return timeout == TimeSpan.Zero ? null : timeout;
    }
}
