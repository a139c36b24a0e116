using System.Globalization;
using System.Text;

namespace Corral.Api;

/// <summary>Go <c>time.ParseDuration</c> / <c>Duration.String()</c> on nanosecond <see cref="long"/> values.</summary>
public static class GoDuration
{
    private const ulong Nanosecond = 1, Microsecond = 1000, Millisecond = 1_000_000, Second = 1_000_000_000;
    private const ulong Minute = 60 * Second, Hour = 60 * Minute;
    private const ulong Limit = 1UL << 63;

    /// <summary>
    /// Parses <c>[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+</c> or a lone <c>0</c>, with Go's overflow rules.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out long nanoseconds)
    {
        nanoseconds = 0;
        var negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return false;
            }

            var before = s.Length;
            if (!LeadingInt(ref s, out var v))
            {
                return false;
            }

            var pre = before != s.Length;
            ulong f = 0;
            double scale = 1;
            var post = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var len = s.Length;
                LeadingFraction(ref s, out f, out scale);
                post = len != s.Length;
            }

            if (!pre && !post)
            {
                return false;
            }

            var i = 0;
            while (i < s.Length && s[i] != '.' && !char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == 0 || !TryUnit(s[..i], out var unit))
            {
                return false;
            }

            s = s[i..];
            if (v > Limit / unit)
            {
                return false;
            }

            v *= unit;
            if (f > 0)
            {
                v += (ulong)(f * (unit / scale));
                if (v > Limit)
                {
                    return false;
                }
            }

            total += v;
            if (total > Limit)
            {
                return false;
            }
        }

        if (negative)
        {
            nanoseconds = total == Limit ? long.MinValue : -(long)total;
            return true;
        }

        if (total > long.MaxValue)
        {
            return false;
        }

        nanoseconds = (long)total;
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c>: <c>5m0s</c>, <c>1h30m0s</c>, <c>300ms</c>, <c>1.5µs</c>, <c>0s</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var negative = nanoseconds < 0;
        var u = negative ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        var sb = new StringBuilder();
        if (u < Second)
        {
            var (unit, suffix) = u < Microsecond ? (Nanosecond, "ns") : u < Millisecond ? (Microsecond, "µs") : (Millisecond, "ms");
            AppendFraction(sb, u, unit);
            sb.Append(suffix);
        }
        else
        {
            var hours = u / Hour;
            var minutes = u / Minute % 60;
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (hours > 0 || minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            AppendFraction(sb, u % Minute, Second);
            sb.Append('s');
        }

        return negative ? "-" + sb : sb.ToString();
    }

    private static void AppendFraction(StringBuilder sb, ulong value, ulong unit)
    {
        sb.Append((value / unit).ToString(CultureInfo.InvariantCulture));
        var remainder = value % unit;
        if (remainder == 0)
        {
            return;
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        var fraction = remainder.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        sb.Append('.').Append(fraction);
    }

    private static bool TryUnit(ReadOnlySpan<char> u, out ulong unit)
    {
        unit = u switch
        {
            "ns" => Nanosecond,
            "us" or "µs" or "μs" => Microsecond,
            "ms" => Millisecond,
            "s" => Second,
            "m" => Minute,
            "h" => Hour,
            _ => 0,
        };
        return unit != 0;
    }

    private static bool LeadingInt(ref ReadOnlySpan<char> s, out ulong x)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (x > Limit / 10)
            {
                return false;
            }

            x = (x * 10) + (ulong)(s[i] - '0');
            if (x > Limit)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong x, out double scale)
    {
        x = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (x > (Limit - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (x * 10) + (ulong)(s[i] - '0');
            if (y > Limit)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        s = s[i..];
    }
}
