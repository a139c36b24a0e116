using System.Text;

namespace Corral.Prompting.Structured.Rules;

/// <summary>GBNF text helpers: literals, character classes, rule names, repetition.</summary>
internal static class Gbnf
{
    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\x7F' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Escapes one character for use inside a GBNF character class.</summary>
    public static string ClassChar(char c) =>
        c is '\\' or ']' or '[' or '-' or '^' or '"' or < ' ' or '\x7F' ? $"\\x{(int)c:X2}" : c.ToString();

    /// <summary>Rule names may only contain letters, digits and dashes.</summary>
    public static string RuleName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return sb.Length == 0 ? "r" : sb.ToString();
    }

    /// <summary>
    /// Repeats <paramref name="item"/> between <paramref name="min"/> and <paramref name="max"/> times
    /// (unbounded when null), separated by <paramref name="separator"/> if given (llama.cpp's build_repetition).
    /// </summary>
    public static string Repeat(string item, int min, int? max, string separator = "")
    {
        if (max == 0)
        {
            return "";
        }

        if (separator.Length == 0)
        {
            return (min, max) switch
            {
                (0, 1) => item + "?",
                (1, null) => item + "+",
                (0, null) => item + "*",
                _ when min == max => $"{item}{{{min}}}",
                _ => $"{item}{{{min},{max?.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}",
            };
        }

        var rest = Repeat($"({separator} {item})", Math.Max(min - 1, 0), max - 1);
        var result = rest.Length == 0 ? item : item + " " + rest;
        return min == 0 ? $"({result})?" : result;
    }
}
