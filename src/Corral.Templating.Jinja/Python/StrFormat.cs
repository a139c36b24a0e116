using System.Globalization;
using System.Text;
using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja;

/// <summary>Python str.format and printf-style % formatting (the common subset).</summary>
internal static class StrFormat
{
    public static string Format(string fmt, Args args)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < fmt.Length; i++)
        {
            var c = fmt[i];
            if (c == '{')
            {
                if (i + 1 < fmt.Length && fmt[i + 1] == '{')
                {
                    sb.Append('{');
                    i++;
                    continue;
                }

                var end = fmt.IndexOf('}', i);
                if (end < 0)
                {
                    throw PyError.ValueError("Single '{' encountered in format string");
                }

                var field = fmt[(i + 1)..end];
                var spec = string.Empty;
                var colon = field.IndexOf(':');
                if (colon >= 0)
                {
                    spec = field[(colon + 1)..];
                    field = field[..colon];
                }

                var conv = '\0';
                var bang = field.IndexOf('!');
                if (bang >= 0)
                {
                    conv = field.Length > bang + 1 ? field[bang + 1] : 's';
                    field = field[..bang];
                }

                object? value;
                if (field.Length == 0)
                {
                    value = Positional(args, auto++);
                }
                else if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var idx))
                {
                    value = Positional(args, idx);
                }
                else
                {
                    value = args.Get(-1, field, Undefined.Name(field));
                    if (value is Undefined)
                    {
                        throw new PyError("KeyError", PythonRepr.Repr(field));
                    }
                }

                var text = conv == 'r' ? PythonRepr.Repr(value) : null;
                sb.Append(ApplySpec(text ?? value, spec));
                i = end;
            }
            else if (c == '}')
            {
                if (i + 1 < fmt.Length && fmt[i + 1] == '}')
                {
                    i++;
                }

                sb.Append('}');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static object? Positional(Args args, int index) => index < args.Count
        ? args.Positional[index]
        : throw new PyError("IndexError", $"Replacement index {index} out of range for positional args tuple");

    private static string ApplySpec(object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return PyOps.Str(value);
        }

        var align = '\0';
        var fill = ' ';
        var p = 0;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^')
        {
            fill = spec[0];
            align = spec[1];
            p = 2;
        }
        else if (spec[0] is '<' or '>' or '^')
        {
            align = spec[0];
            p = 1;
        }

        var rest = spec[p..];
        var precision = -1;
        var dot = rest.IndexOf('.');
        var type = rest.Length > 0 && char.IsLetter(rest[^1]) ? rest[^1] : '\0';
        var widthText = dot >= 0 ? rest[..dot] : type != '\0' ? rest[..^1] : rest;
        if (dot >= 0)
        {
            precision = int.Parse(rest[(dot + 1)..(type != '\0' ? rest.Length - 1 : rest.Length)], CultureInfo.InvariantCulture);
        }

        string text = type switch
        {
            'f' or 'F' => PyOps.ToDouble(value).ToString("F" + (precision < 0 ? 6 : precision), CultureInfo.InvariantCulture),
            'd' => PyOps.ToLong(value).ToString(CultureInfo.InvariantCulture),
            _ => precision >= 0 && value is string s && s.Length > precision ? s[..precision] : PyOps.Str(value),
        };
        var width = widthText.Length > 0 ? int.Parse(widthText, CultureInfo.InvariantCulture) : 0;
        if (text.Length >= width)
        {
            return text;
        }

        if (align == '\0')
        {
            align = PyOps.IsNumber(value) ? '>' : '<';
        }

        var pad = width - text.Length;
        return align switch
        {
            '>' => new string(fill, pad) + text,
            '^' => new string(fill, pad / 2) + text + new string(fill, pad - (pad / 2)),
            _ => text + new string(fill, pad),
        };
    }
}

/// <summary>printf-style <c>"%s" % value</c> formatting.</summary>
internal static class PercentFormat
{
    public static string Format(string fmt, object? values)
    {
        var list = values is PyTuple t ? t.Items : [values];
        var sb = new StringBuilder();
        var n = 0;
        for (var i = 0; i < fmt.Length; i++)
        {
            if (fmt[i] != '%' || i + 1 >= fmt.Length)
            {
                sb.Append(fmt[i]);
                continue;
            }

            var c = fmt[++i];
            if (c == '%')
            {
                sb.Append('%');
                continue;
            }

            if (n >= list.Length)
            {
                throw PyError.TypeError("not enough arguments for format string");
            }

            var v = list[n++];
            sb.Append(c switch
            {
                'd' or 'i' => PyOps.ToLong(v).ToString(CultureInfo.InvariantCulture),
                'r' => PythonRepr.Repr(v),
                'f' => PyOps.ToDouble(v).ToString("F6", CultureInfo.InvariantCulture),
                _ => PyOps.Str(v),
            });
        }

        if (n < list.Length && values is PyTuple)
        {
            throw PyError.TypeError("not all arguments converted during string formatting");
        }

        return sb.ToString();
    }
}
