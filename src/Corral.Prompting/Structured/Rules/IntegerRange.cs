using System.Globalization;

namespace Corral.Prompting.Structured.Rules;

/// <summary>
/// GBNF for integers within optional inclusive bounds (at most 15 digits each), without trailing space.
/// Decomposes ranges by digit count, then by leading digit, like llama.cpp's min/max integer rules.
/// </summary>
internal static class IntegerRange
{
    private const int MaxDigits = 16;

    /// <summary>An expression matching exactly the integers in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static string Expression(long? min, long? max)
    {
        if (min is >= 0)
        {
            return NonNegative(min.Value, max);
        }

        if (max is < 0)
        {
            return "\"-\" " + Group(NonNegative(-max.Value, min is { } lo ? -lo : null));
        }

        // min < 0 (or absent) and max >= 0 (or absent): negative part, then non-negative part.
        var negative = "\"-\" " + Group(NonNegative(1, min is { } low ? -low : null));
        return negative + " | " + NonNegative(0, max);
    }

    private static string NonNegative(long low, long? high)
    {
        var lowText = Text(low);
        var alternatives = new List<string>();
        if (high is not { } hi)
        {
            alternatives.Add(SameLength(lowText, new string('9', lowText.Length)));
            if (lowText.Length < MaxDigits)
            {
                alternatives.Add($"[1-9] [0-9]{{{lowText.Length},{MaxDigits - 1}}}");
            }

            return string.Join(" | ", alternatives);
        }

        var highText = Text(hi);
        for (var digits = lowText.Length; digits <= highText.Length; digits++)
        {
            var from = digits == lowText.Length ? lowText : "1" + new string('0', digits - 1);
            var to = digits == highText.Length ? highText : new string('9', digits);
            alternatives.Add(SameLength(from, to));
        }

        return string.Join(" | ", alternatives);
    }

    /// <summary>Digit strings of equal length from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    private static string SameLength(string from, string to)
    {
        if (from == to)
        {
            return Gbnf.Literal(from);
        }

        var common = 0;
        while (from[common] == to[common])
        {
            common++;
        }

        var prefix = common > 0 ? Gbnf.Literal(from[..common]) + " " : "";
        var (a, b) = (from[common..], to[common..]);
        if (a.Length == 1)
        {
            return prefix + $"[{a[0]}-{b[0]}]";
        }

        var tail = a.Length - 1;
        var lowFull = a[1..].All(c => c == '0');
        var highFull = b[1..].All(c => c == '9');
        var alternatives = new List<string>();
        if (!lowFull)
        {
            alternatives.Add($"[{a[0]}] " + Group(SameLength(a[1..], new string('9', tail))));
        }

        var first = lowFull ? a[0] : (char)(a[0] + 1);
        var last = highFull ? b[0] : (char)(b[0] - 1);
        if (first <= last)
        {
            alternatives.Add($"[{first}-{last}] [0-9]{{{tail}}}");
        }

        if (!highFull)
        {
            alternatives.Add($"[{b[0]}] " + Group(SameLength(new string('0', tail), b[1..])));
        }

        return prefix + Group(string.Join(" | ", alternatives));
    }

    private static string Group(string expression) => "(" + expression + ")";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
