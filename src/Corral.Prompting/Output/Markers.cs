namespace Corral.Prompting.Output;

/// <summary>Span helpers for finding markers in streamed text without regexes.</summary>
internal static class Markers
{
    /// <summary>Length of the longest proper suffix of <paramref name="text"/> that is a prefix of
    /// <paramref name="marker"/>: text that might turn into the marker once more arrives.</summary>
    public static int PartialSuffix(ReadOnlySpan<char> text, string marker)
    {
        for (int k = Math.Min(marker.Length - 1, text.Length); k > 0; k--)
        {
            if (text[^k..].SequenceEqual(marker.AsSpan(0, k)))
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>Index of the first non-whitespace character at or after <paramref name="start"/>, or the length.</summary>
    public static int SkipWhitespace(ReadOnlySpan<char> text, int start)
    {
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return start;
    }

    /// <summary>True when the text is a proper prefix of <paramref name="marker"/> (more input may complete it).</summary>
    public static bool IsPrefixOf(ReadOnlySpan<char> text, string marker) =>
        text.Length < marker.Length && marker.AsSpan().StartsWith(text);

    /// <summary>True when <paramref name="text"/> has anything other than whitespace.</summary>
    public static bool HasNonWhitespace(ReadOnlySpan<char> text) => !text.IsWhiteSpace();
}
