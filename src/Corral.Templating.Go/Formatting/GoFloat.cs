using System.Globalization;
using System.Text;

namespace Corral.Templating.Go.Formatting;

/// <summary>Go's <c>strconv.FormatFloat</c> for the 'e', 'f' and 'g' formats.</summary>
internal static class GoFloat
{
    /// <summary>Decimal digits (no leading/trailing zeros) and decimal point position, like strconv's decimal.</summary>
    private readonly record struct Digits(string D, int Dp);

    public static string Format(double v, char fmt, int prec)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        bool neg = double.IsNegative(v);
        double a = Math.Abs(v);
        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        char lower = char.ToLowerInvariant(fmt);
        bool shortest = prec < 0;
        Digits digs;
        if (shortest)
        {
            digs = Shortest(a);
            prec = lower switch
            {
                'e' => Math.Max(digs.D.Length - 1, 0),
                'f' => Math.Max(digs.D.Length - digs.Dp, 0),
                _ => digs.D.Length,
            };
        }
        else if (lower == 'f')
        {
            sb.Append(a.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        else
        {
            int n = lower == 'e' ? prec + 1 : Math.Max(prec, 1);
            if (lower == 'g' && prec == 0) prec = 1;
            digs = Rounded(a, n);
        }
        switch (lower)
        {
            case 'e':
                FmtE(sb, digs, prec, fmt);
                break;
            case 'f':
                FmtF(sb, digs, prec);
                break;
            default:
                int eprec = prec;
                if (eprec > digs.D.Length && digs.D.Length >= digs.Dp) eprec = digs.D.Length;
                if (shortest) eprec = 6;
                int exp = digs.Dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    if (prec > digs.D.Length) prec = digs.D.Length;
                    FmtE(sb, digs, prec - 1, fmt == 'G' ? 'E' : 'e');
                }
                else
                {
                    if (prec > digs.Dp) prec = digs.D.Length;
                    FmtF(sb, digs, Math.Max(prec - digs.Dp, 0));
                }
                break;
        }
        return sb.ToString();
    }

    private static Digits Shortest(double a)
    {
        if (a == 0) return new Digits("", 0);
        return Parse(a.ToString("R", CultureInfo.InvariantCulture));
    }

    private static Digits Rounded(double a, int significant)
    {
        if (a == 0) return new Digits("", 0);
        return Parse(a.ToString("E" + (significant - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static Digits Parse(string s)
    {
        int e = s.IndexOfAny(new[] { 'E', 'e' });
        int exp = 0;
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? s : s.Remove(dot, 1);
        int dp = (dot < 0 ? s.Length : dot) + exp;
        int lead = 0;
        while (lead < digits.Length && digits[lead] == '0') lead++;
        digits = digits[lead..];
        dp -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) dp = 0;
        return new Digits(digits, dp);
    }

    private static void FmtE(StringBuilder sb, Digits d, int prec, char fmt)
    {
        sb.Append(d.D.Length == 0 ? '0' : d.D[0]);
        if (prec > 0)
        {
            sb.Append('.');
            int i = 1;
            int m = Math.Min(d.D.Length, prec + 1);
            if (i < m)
            {
                sb.Append(d.D, i, m - i);
                i = m;
            }
            for (; i <= prec; i++) sb.Append('0');
        }
        sb.Append(fmt);
        int exp = d.Dp - 1;
        if (d.D.Length == 0) exp = 0;
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10) sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FmtF(StringBuilder sb, Digits d, int prec)
    {
        if (d.Dp > 0)
        {
            int m = Math.Min(d.D.Length, d.Dp);
            sb.Append(d.D, 0, m);
            for (; m < d.Dp; m++) sb.Append('0');
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (int i = 0; i < prec; i++)
            {
                int j = d.Dp + i;
                sb.Append(j >= 0 && j < d.D.Length ? d.D[j] : '0');
            }
        }
    }

    /// <summary>Go's <c>encoding/json</c> float64 encoding.</summary>
    public static string Json(double f)
    {
        double abs = Math.Abs(f);
        char fmt = 'f';
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
        string s = Format(f, fmt, -1);
        if (fmt == 'e')
        {
            int n = s.Length;
            if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
                s = s[..(n - 2)] + s[(n - 1)..];
        }
        return s;
    }
}
