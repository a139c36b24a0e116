using System.Text;

namespace Corral.Prompting.Structured.Rules;

/// <summary>Prefixes every rule name of a GBNF grammar (definitions and references), so that several grammars can be
/// pasted into one without their rules colliding. String literals, character classes, repetition bounds and comments
/// are copied unchanged.</summary>
internal static class GbnfPrefixer
{
    public static string Prefix(string grammar, string prefix)
    {
        var sb = new StringBuilder(grammar.Length + 256);
        int i = 0;
        while (i < grammar.Length)
        {
            char c = grammar[i];
            switch (c)
            {
                case '"':
                    i = CopyQuoted(grammar, i, '"', sb);
                    break;
                case '[':
                    i = CopyQuoted(grammar, i, ']', sb);
                    break;
                case '{':
                    i = CopyUntil(grammar, i, '}', sb);
                    break;
                case '#':
                    i = CopyUntil(grammar, i, '\n', sb);
                    break;
                default:
                    if (char.IsAsciiLetter(c))
                    {
                        int start = i;
                        while (i < grammar.Length && IsWordChar(grammar[i])) i++;
                        sb.Append(prefix).Append(grammar, start, i - start);
                    }
                    else
                    {
                        sb.Append(c);
                        i++;
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static int CopyQuoted(string text, int at, char end, StringBuilder sb)
    {
        sb.Append(text[at]);
        int i = at + 1;
        while (i < text.Length)
        {
            char c = text[i];
            sb.Append(c);
            i++;
            if (c == '\\' && i < text.Length)
            {
                sb.Append(text[i]);
                i++;
            }
            else if (c == end)
            {
                break;
            }
        }

        return i;
    }

    private static int CopyUntil(string text, int at, char end, StringBuilder sb)
    {
        int close = text.IndexOf(end, at);
        int stop = close < 0 ? text.Length : close + 1;
        sb.Append(text, at, stop - at);
        return stop;
    }
}
