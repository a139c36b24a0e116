using System.Globalization;
using System.Numerics;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Parsing;

/// <summary>Go's <c>parse.newNumber</c>: interprets a numeric or character literal every way it can.</summary>
internal static class NumberParser
{
    public static NumberNode? Parse(int pos, string text, TokenType type, out string? error)
    {
        error = null;
        var n = new NumberNode(pos, text);
        if (type == TokenType.CharConstant)
        {
            int r = GoQuote.UnquoteChar(text, 1, '\'', out int next);
            if (r < 0) { error = "invalid syntax"; return null; }
            if (text[next..] != "'") { error = "malformed character constant: " + text; return null; }
            n.Int64 = r; n.IsInt = true; n.Uint64 = (ulong)r; n.IsUint = true; n.Float64 = r; n.IsFloat = true;
            return n;
        }
        if (type == TokenType.Complex)
        {
            error = "complex constants are not supported: " + text;
            return null;
        }
        if (text.Length > 0 && text[^1] == 'i')
        {
            if (TryParseFloat(text[..^1], out double im))
            {
                if (im != 0) { error = "complex constants are not supported: " + text; return null; }
                n.IsFloat = true; n.Float64 = 0; n.IsInt = true; n.IsUint = true;
                return n;
            }
        }
        if (TryParseInteger(text, allowSign: false, out BigInteger u) && u <= ulong.MaxValue)
        {
            n.IsUint = true; n.Uint64 = (ulong)u;
        }
        if (TryParseInteger(text, allowSign: true, out BigInteger i) && i >= long.MinValue && i <= long.MaxValue)
        {
            n.IsInt = true; n.Int64 = (long)i;
            if (i == 0) { n.IsUint = true; n.Uint64 = 0; }
        }
        if (n.IsInt) { n.IsFloat = true; n.Float64 = n.Int64; }
        else if (n.IsUint) { n.IsFloat = true; n.Float64 = n.Uint64; }
        else if (TryParseFloat(text, out double f))
        {
            if (text.IndexOfAny(new[] { '.', 'e', 'E', 'p', 'P' }) < 0) { error = "integer overflow: " + GoQuote.Quote(text); return null; }
            n.IsFloat = true; n.Float64 = f;
            if (Math.Abs(f) < 9.2e18 && Math.Truncate(f) == f) { n.IsInt = true; n.Int64 = (long)f; }
            if (f >= 0 && f < 1.8e19 && Math.Truncate(f) == f) { n.IsUint = true; n.Uint64 = (ulong)f; }
        }
        if (!n.IsInt && !n.IsUint && !n.IsFloat) { error = "illegal number syntax: " + GoQuote.Quote(text); return null; }
        return n;
    }

    private static bool TryParseInteger(string s, bool allowSign, out BigInteger value)
    {
        value = 0;
        bool neg = false;
        if (allowSign && s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        int b = 10;
        bool prefixed = false;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': b = 16; s = s[2..]; prefixed = true; break;
                case 'o': b = 8; s = s[2..]; prefixed = true; break;
                case 'b': b = 2; s = s[2..]; prefixed = true; break;
                default: b = 8; s = s[1..]; prefixed = true; break;
            }
        }
        if (!UnderscoreOk(s, prefixed)) return false;
        s = s.Replace("_", "", StringComparison.Ordinal);
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (d >= b) return false;
            value = value * b + d;
        }
        if (neg) value = -value;
        return true;
    }

    private static bool UnderscoreOk(string s, bool prefixed)
    {
        // Underscores must separate digits (or follow a base prefix).
        char prev = prefixed ? '0' : '^';
        foreach (char c in s)
        {
            if (c == '_')
            {
                if (prev == '_' || prev == '^') return false;
            }
            prev = c;
        }
        return prev != '_';
    }

    internal static bool TryParseFloat(string s, out double f)
    {
        f = 0;
        if (s.Contains('_', StringComparison.Ordinal))
        {
            if (!UnderscoreOk(s.TrimStart('+', '-'), false)) return false;
            s = s.Replace("_", "", StringComparison.Ordinal);
        }
        string body = s.TrimStart('+', '-');
        bool neg = s.StartsWith('-');
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return TryParseHexFloat(body[2..], neg, out f);
        if (body.Length == 0 || body.Contains('i') || body.Contains('n', StringComparison.OrdinalIgnoreCase)) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out f) && !double.IsInfinity(f);
    }

    private static bool TryParseHexFloat(string s, bool neg, out double f)
    {
        f = 0;
        int p = s.IndexOfAny(new[] { 'p', 'P' });
        if (p < 0) return false;
        string mant = s[..p];
        if (!int.TryParse(s[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exp)) return false;
        double m = 0;
        int dot = mant.IndexOf('.', StringComparison.Ordinal);
        string digits = mant.Replace(".", "", StringComparison.Ordinal);
        if (digits.Length == 0) return false;
        foreach (char c in digits)
        {
            if (!Uri.IsHexDigit(c)) return false;
            int d = Convert.ToInt32(c.ToString(), 16);
            m = m * 16 + d;
        }
        if (dot >= 0) exp -= 4 * (mant.Length - dot - 1);
        f = m * Math.Pow(2, exp);
        if (neg) f = -f;
        return !double.IsInfinity(f);
    }
}
