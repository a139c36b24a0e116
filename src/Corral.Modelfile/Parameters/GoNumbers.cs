using System.Globalization;
using System.Text;

namespace Corral.Modelfile;

/// <summary>Go <c>strconv</c>-compatible parsing (ParseInt base 10, ParseFloat 32, ParseBool) and <c>%v</c> float formatting.</summary>
internal static class GoNumbers
{
    /// <summary><c>strconv.ParseInt(s, 10, 64)</c>: optional sign, ASCII digits, no spaces/underscores, range-checked.</summary>
    public static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        var digits = s.AsSpan();
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            digits = digits[1..];
        }

        if (digits.IsEmpty || !IsAsciiDigits(digits))
        {
            return false;
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, NumberFormatInfo.InvariantInfo, out value);
    }

    /// <summary>
    /// <c>strconv.ParseFloat(s, 32)</c> for decimal syntax and inf/infinity/nan (case-insensitive, optional sign).
    /// Out-of-range values fail as in Go; hexadecimal floats are not supported.
    /// </summary>
    public static bool TryParseFloat32(string s, out float value)
    {
        value = 0;
        var body = s.AsSpan();
        var negative = false;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase) && body.Length == s.Length)
        {
            value = float.NaN;
            return true;
        }

        if (!IsDecimalFloatSyntax(body))
        {
            return false;
        }

        if (!float.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, NumberFormatInfo.InvariantInfo, out value))
        {
            return false;
        }

        return !float.IsInfinity(value);
    }

    /// <summary><c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    public static bool TryParseBool(string s, out bool value)
    {
        switch (s)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Formats like Go's <c>%v</c> of a float (shortest digits; exponent form when exp &lt; -4 or ≥ 6).</summary>
    public static string FormatFloat(float f)
    {
        if (float.IsNaN(f))
        {
            return "NaN";
        }

        if (float.IsInfinity(f))
        {
            return f > 0 ? "+Inf" : "-Inf";
        }

        var negative = f < 0 || (f == 0 && float.IsNegative(f));
        if (f == 0)
        {
            return negative ? "-0" : "0";
        }

        var (digits, dp) = ShortestDigits(Math.Abs(f));
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var abs = Math.Abs(exp);
            sb.Append(abs < 10 ? "0" : string.Empty).Append(abs.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }

        var fraction = Math.Max(digits.Length - dp, 0);
        if (fraction > 0)
        {
            sb.Append('.');
            for (var i = 0; i < fraction; i++)
            {
                var index = dp + i;
                sb.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }

        return sb.ToString();
    }

    private static (string Digits, int DecimalPoint) ShortestDigits(float positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intDigits = dot >= 0 ? dot : text.Length;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, intDigits - leading + exponent);
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecimalFloatSyntax(ReadOnlySpan<char> s)
    {
        var i = 0;
        var mantissaDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
