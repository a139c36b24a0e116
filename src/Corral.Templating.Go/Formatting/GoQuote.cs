using System.Globalization;
using System.Text;

namespace Corral.Templating.Go.Formatting;

/// <summary>Go's <c>strconv</c> quoting and unquoting.</summary>
internal static class GoQuote
{
    public static string Quote(string s) => Quote(s, asciiOnly: false);

    public static string Quote(string s, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s, '"', asciiOnly);
        return sb.ToString();
    }

    /// <summary>Go's <c>%.Nq</c>: quotes the first <paramref name="runes"/> runes.</summary>
    public static string QuotePrefix(string s, int runes)
    {
        int i = 0, count = 0;
        while (i < s.Length && count < runes)
        {
            i += char.IsSurrogatePair(s, i) ? 2 : 1;
            count++;
        }
        return Quote(s[..i]);
    }

    public static string QuoteRune(int r, bool asciiOnly = false)
    {
        var sb = new StringBuilder();
        sb.Append('\'');
        if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
        AppendRune(sb, r, '\'', asciiOnly);
        sb.Append('\'');
        return sb.ToString();
    }

    public static void AppendQuoted(StringBuilder sb, string s, char quote, bool asciiOnly)
    {
        sb.Append(quote);
        foreach (var rune in s.EnumerateRunes()) AppendRune(sb, rune.Value, quote, asciiOnly);
        sb.Append(quote);
    }

    private static void AppendRune(StringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (asciiOnly ? (r < 0x80 && IsPrint(r)) : IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>Approximation of Go's <c>unicode.IsPrint</c>.</summary>
    public static bool IsPrint(int r)
    {
        if (r == ' ') return true;
        if (r < 0x20 || r == 0x7f || (r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF) return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Go's <c>strconv.Unquote</c> for "...", `...` and '...'; null on invalid syntax.</summary>
    public static string? Unquote(string s)
    {
        if (s.Length < 2) return null;
        char q = s[0];
        if (q != s[^1]) return null;
        string body = s[1..^1];
        if (q == '`')
        {
            if (body.Contains('`', StringComparison.Ordinal)) return null;
            return body.Replace("\r", "", StringComparison.Ordinal);
        }
        if (q != '"' && q != '\'') return null;
        var sb = new StringBuilder(body.Length);
        int i = 1;
        int end = s.Length - 1;
        int count = 0;
        while (i < end)
        {
            if (s[i] == q && q == '"') return null;
            if (s[i] == '\n') return null;
            int r = UnquoteChar(s, i, q, out int next);
            if (r < 0 || next > end) return null;
            if (r >= 0x110000) sb.Append((char)(r - 0x110000)); // raw byte escape
            else sb.Append(char.ConvertFromUtf32(r));
            i = next;
            count++;
        }
        if (q == '\'' && count != 1) return null;
        return sb.ToString();
    }

    /// <summary>
    /// Decodes one (possibly escaped) character at <paramref name="i"/>. Returns the code point, a value
    /// &gt;= 0x110000 for a raw \x/octal byte above 0x7f (encoded as 0x110000+byte), or -1 on error.
    /// </summary>
    public static int UnquoteChar(string s, int i, char quote, out int next)
    {
        next = i;
        if (i >= s.Length) return -1;
        char c = s[i];
        if (c == quote && (quote == '\'' || quote == '"')) return -1;
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                next = i + 2;
                return char.ConvertToUtf32(c, s[i + 1]);
            }
            next = i + 1;
            return c;
        }
        if (i + 1 >= s.Length) return -1;
        char e = s[i + 1];
        next = i + 2;
        switch (e)
        {
            case 'a': return '\a';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            case '\\': return '\\';
            case '\'' or '"':
                return e == quote ? e : -1;
            case 'x' or 'u' or 'U':
                {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + 2 + n > s.Length) return -1;
                    if (!int.TryParse(s.AsSpan(i + 2, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v)) return -1;
                    next = i + 2 + n;
                    if (e == 'x') return v >= 0x80 && quote != '\'' ? 0x110000 + v : v;
                    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
                    return v;
                }
            case >= '0' and <= '7':
                {
                    if (i + 4 > s.Length) return -1;
                    int v = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        char d = s[i + 1 + k];
                        if (d < '0' || d > '7') return -1;
                        v = v * 8 + (d - '0');
                    }
                    if (v > 255) return -1;
                    next = i + 4;
                    return v >= 0x80 && quote != '\'' ? 0x110000 + v : v;
                }
        }
        return -1;
    }
}
