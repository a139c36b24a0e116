namespace Corral.Modelfile;

/// <summary>
/// Chooses how an argument is written so that the parser reads back exactly the same text.
/// Follows Ollama's <c>quote()</c> (quote when the value has a line break or leading/trailing space; use
/// <c>"""</c> when it contains <c>"</c>), widened so every representable value round-trips.
/// </summary>
public static class ModelfileQuoting
{
    /// <summary>
    /// Formats <paramref name="value"/> as an argument. When the value cannot be represented losslessly
    /// (see <see cref="CanRepresent"/>) Ollama's plain quoting is used.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryQuote(value, out var quoted) ? quoted : OllamaQuote(value);
    }

    /// <summary>
    /// True when some quoting of <paramref name="value"/> parses back to it. False for values with C0/C1 control
    /// characters other than tab/CR/LF, or where every closing-quote candidate would end the value early
    /// (e.g. <c>a"""</c> followed by a line break and more text).
    /// </summary>
    public static bool CanRepresent(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryQuote(value, out _);
    }

    /// <summary>Ollama's exact <c>quote()</c> from parser.go.</summary>
    public static string OllamaQuote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal) || value.StartsWith(' ') || value.EndsWith(' '))
        {
            return value.Contains('"', StringComparison.Ordinal) ? $"\"\"\"{value}\"\"\"" : $"\"{value}\"";
        }

        return value;
    }

    private static bool TryQuote(string value, out string quoted)
    {
        var hasQuote = value.Contains('"', StringComparison.Ordinal);
        if (!NeedsQuoting(value))
        {
            quoted = value;
            return true;
        }

        string[] candidates = hasQuote
            ? [$"\"\"\"{value}\"\"\"", $"\"{value}\""]
            : [$"\"{value}\"", $"\"\"\"{value}\"\"\""];
        foreach (var candidate in candidates)
        {
            if (ReadsBackAs(candidate, value))
            {
                quoted = candidate;
                return true;
            }
        }

        quoted = string.Empty;
        return false;
    }

    private static bool NeedsQuoting(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value[0] == '"')
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c is '\r' or '\n' || ValueAccumulator.IsDropped(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsBackAs(string candidate, string expected)
    {
        var accumulator = new ValueAccumulator();
        foreach (var c in candidate)
        {
            if (accumulator.Offer(c))
            {
                return false;
            }
        }

        return accumulator.IsComplete && string.Equals(accumulator.GetValue(), expected, StringComparison.Ordinal);
    }
}
