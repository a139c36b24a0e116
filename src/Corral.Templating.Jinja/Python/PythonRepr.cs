using System.Globalization;
using System.Text;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja;

/// <summary>Python's str() and repr() for the engine's values.</summary>
internal static class PythonRepr
{
    public static string Str(object? v)
    {
        if (v is string s)
        {
            return s;
        }

        var sb = new StringBuilder();
        Write(sb, v, false);
        return sb.ToString();
    }

    public static string Repr(object? v)
    {
        var sb = new StringBuilder();
        Write(sb, v, true);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, object? v, bool repr, int depth = 0)
    {
        if (depth > 200)
        {
            throw PyError.Runtime("maximum recursion depth exceeded while getting the repr of an object");
        }

        switch (v)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FloatRepr(d));
                break;
            case string s:
                if (repr)
                {
                    WriteStringRepr(sb, s);
                }
                else
                {
                    sb.Append(s);
                }

                break;
            case Markup m:
                if (repr)
                {
                    sb.Append("Markup(");
                    WriteStringRepr(sb, m.Value);
                    sb.Append(')');
                }
                else
                {
                    sb.Append(m.Value);
                }

                break;
            case Undefined:
                sb.Append(repr ? "Undefined" : string.Empty);
                break;
            case PyTuple t:
                sb.Append('(');
                for (var i = 0; i < t.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, t[i], true, depth + 1);
                }

                sb.Append(t.Count == 1 ? ",)" : ")");
                break;
            case IReadOnlyList<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, list[i], true, depth + 1);
                }

                sb.Append(']');
                break;
            case IReadOnlyDictionary<string, object?> dict:
                WriteDict(sb, dict, depth);
                break;
            case Namespace ns:
                sb.Append("<Namespace ");
                WriteDict(sb, ns.Attributes, depth);
                sb.Append('>');
                break;
            case PyGenerator g:
                sb.Append("<generator object ").Append(g.Name).Append(" at 0x7f0000000000>");
                break;
            case ICallable c:
                sb.Append("<function ").Append(c.Name).Append('>');
                break;
            default:
                sb.Append('<').Append(PyOps.TypeName(v)).Append(" object>");
                break;
        }
    }

    private static void WriteDict(StringBuilder sb, IReadOnlyDictionary<string, object?> dict, int depth)
    {
        if (dict is PyDict pd)
        {
            sb.Append('{');
            for (var i = 0; i < pd.Entries.Count; i++)
            {
                sb.Append(i > 0 ? ", " : string.Empty);
                Write(sb, pd.Entries[i].Key, true, depth + 1);
                sb.Append(": ");
                Write(sb, pd.Entries[i].Value, true, depth + 1);
            }

            sb.Append('}');
            return;
        }

        sb.Append('{');
        var first = true;
        foreach (var kv in dict)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            WriteStringRepr(sb, kv.Key);
            sb.Append(": ");
            Write(sb, kv.Value, true, depth + 1);
        }

        sb.Append('}');
    }

    /// <summary>Python float repr: shortest round-trip digits, scientific outside 1e-4 &lt;= |x| &lt; 1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var shortest = d.ToString("R", CultureInfo.InvariantCulture);

        // Extract digits and exponent from the shortest round-trip form.
        var neg = shortest[0] == '-';
        var body = neg ? shortest[1..] : shortest;
        int exp;
        string mantissa;
        var ePos = body.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(body[(ePos + 1)..], CultureInfo.InvariantCulture);
            mantissa = body[..ePos];
        }
        else
        {
            exp = 0;
            mantissa = body;
        }

        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var frac = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (intPart + frac).TrimStart('0');
        var leadingZeros = (intPart + frac).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // decpt: position of the decimal point relative to the start of digits.
        var decpt = intPart.Length + exp - leadingZeros;
        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }

        if (decpt > 16 || decpt < -3)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits.AsSpan(1));
            }

            var e = decpt - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits.AsSpan(0, decpt)).Append('.').Append(digits.AsSpan(decpt));
        }

        return sb.ToString();
    }

    public static void WriteStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == quote || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                sb.Append("\\n");
            }
            else if (c == '\r')
            {
                sb.Append("\\r");
            }
            else if (c == '\t')
            {
                sb.Append("\\t");
            }
            else if (c < 0x20 || c == 0x7f)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x7f)
            {
                sb.Append(c);
            }
            else if (char.IsSurrogatePair(s, i))
            {
                sb.Append(c).Append(s[++i]);
            }
            else if (IsPrintable(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(c <= 0xff ? "\\x" : "\\u").Append(((int)c).ToString(c <= 0xff ? "x2" : "x4", CultureInfo.InvariantCulture));
            }
        }

        sb.Append(quote);
    }

    private static bool IsPrintable(char c)
    {
        var cat = char.GetUnicodeCategory(c);
        return cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
