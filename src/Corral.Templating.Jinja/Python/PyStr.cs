using System.Text;
using Corral.Templating.Jinja.Lexing;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja;

/// <summary>Python str algorithms (strip, split, title...) with CPython's exact edge cases.</summary>
internal static class PyStr
{
    public static string Strip(string s, object? chars, bool left, bool right)
    {
        Func<char, bool> strip = chars is null or Undefined
            ? Lexer.IsSpace
            : PyOps.Str(chars) is var set ? set.Contains : throw new InvalidOperationException();
        var start = 0;
        var end = s.Length;
        if (left)
        {
            while (start < end && strip(s[start]))
            {
                start++;
            }
        }

        if (right)
        {
            while (end > start && strip(s[end - 1]))
            {
                end--;
            }
        }

        return s[start..end];
    }

    public static List<object?> Split(string s, object? sep, long maxsplit)
    {
        var r = new List<object?>();
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && Lexer.IsSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    break;
                }

                if (maxsplit >= 0 && r.Count == maxsplit)
                {
                    r.Add(s[i..].TrimEnd());
                    var t = s[i..];
                    r[^1] = Strip(t, null, false, true);
                    break;
                }

                var j = i;
                while (j < s.Length && !Lexer.IsSpace(s[j]))
                {
                    j++;
                }

                r.Add(s[i..j]);
                i = j;
            }

            return r;
        }

        var sp = PyOps.Str(sep);
        if (sp.Length == 0)
        {
            throw PyError.ValueError("empty separator");
        }

        var pos = 0;
        while (maxsplit < 0 || r.Count < maxsplit)
        {
            var idx = s.IndexOf(sp, pos, StringComparison.Ordinal);
            if (idx < 0)
            {
                break;
            }

            r.Add(s[pos..idx]);
            pos = idx + sp.Length;
        }

        r.Add(s[pos..]);
        return r;
    }

    public static List<object?> RSplit(string s, object? sep, long maxsplit)
    {
        if (maxsplit < 0)
        {
            return Split(s, sep, -1);
        }

        var r = new List<object?>();
        if (sep is null)
        {
            var end = s.Length;
            while (true)
            {
                while (end > 0 && Lexer.IsSpace(s[end - 1]))
                {
                    end--;
                }

                if (end == 0)
                {
                    break;
                }

                if (r.Count == maxsplit)
                {
                    r.Add(Strip(s[..end], null, true, false));
                    break;
                }

                var j = end;
                while (j > 0 && !Lexer.IsSpace(s[j - 1]))
                {
                    j--;
                }

                r.Add(s[j..end]);
                end = j;
            }

            r.Reverse();
            return r;
        }

        var sp = PyOps.Str(sep);
        if (sp.Length == 0)
        {
            throw PyError.ValueError("empty separator");
        }

        var pos = s.Length;
        while (r.Count < maxsplit)
        {
            var idx = pos - sp.Length < 0 ? -1 : s.LastIndexOf(sp, pos - sp.Length, StringComparison.Ordinal);
            if (idx < 0)
            {
                break;
            }

            r.Add(s[(idx + sp.Length)..pos]);
            pos = idx;
        }

        r.Add(s[..pos]);
        r.Reverse();
        return r;
    }

    public static List<object?> SplitLines(string s, bool keepEnds)
    {
        var r = new List<object?>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var eol = c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
            if (!eol)
            {
                i++;
                continue;
            }

            var next = c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? i + 2 : i + 1;
            r.Add(keepEnds ? s[start..next] : s[start..i]);
            start = i = next;
        }

        if (start < s.Length)
        {
            r.Add(s[start..]);
        }

        return r;
    }

    public static string Replace(string s, string old, string @new, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? InsertEverywhere(s, @new) : s.Replace(old, @new, StringComparison.Ordinal);
        }

        var sb = new StringBuilder();
        var pos = 0;
        for (long n = 0; n < count; n++)
        {
            var idx = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (idx < 0 || old.Length == 0)
            {
                break;
            }

            sb.Append(s, pos, idx - pos).Append(@new);
            pos = idx + old.Length;
        }

        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string InsertEverywhere(string s, string ins)
    {
        var sb = new StringBuilder(ins);
        foreach (var c in s)
        {
            sb.Append(c).Append(ins);
        }

        return sb.ToString();
    }

    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prevCased = false;
        foreach (var c in s)
        {
            var cased = char.IsUpper(c) || char.IsLower(c) || char.IsLetter(c) && char.ToUpperInvariant(c) != char.ToLowerInvariant(c);
            sb.Append(prevCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            prevCased = cased;
        }

        return sb.ToString();
    }

    public static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    public static int Count(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    public static string Center(string s, int width, string fill)
    {
        if (width <= s.Length)
        {
            return s;
        }

        var marg = width - s.Length;
        var left = (marg / 2) + (marg & width & 1);
        return new string(fill[0], left) + s + new string(fill[0], marg - left);
    }

    public static string ZFill(string s, int width)
    {
        if (s.Length >= width)
        {
            return s;
        }

        var pad = new string('0', width - s.Length);
        return s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[0] + pad + s[1..] : pad + s;
    }

    public static PyTuple Partition(string s, string sep, bool last)
    {
        var i = last ? s.LastIndexOf(sep, StringComparison.Ordinal) : s.IndexOf(sep, StringComparison.Ordinal);
        if (i < 0)
        {
            return last ? new PyTuple([string.Empty, string.Empty, s]) : new PyTuple([s, string.Empty, string.Empty]);
        }

        return new PyTuple([s[..i], sep, s[(i + sep.Length)..]]);
    }
}
