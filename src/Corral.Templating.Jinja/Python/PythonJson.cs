using System.Globalization;
using System.Text;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja;

/// <summary>Python's json.dumps as transformers' tojson filter calls it (ensure_ascii=False by default).</summary>
internal static class PythonJson
{
    public sealed record Options(bool EnsureAscii, string? Indent, string ItemSeparator, string KeySeparator, bool SortKeys);

    public static string Dumps(object? value, Options options)
    {
        var sb = new StringBuilder();
        Write(sb, value, options, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, Options o, int level)
    {
        if (level > 500)
        {
            throw PyError.Runtime("maximum recursion depth exceeded while encoding a JSON object");
        }

        switch (v)
        {
            case null:
                sb.Append("null");
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case long or int:
                sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture));
                return;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonRepr.FloatRepr(d));
                return;
            case string s:
                WriteString(sb, s, o.EnsureAscii);
                return;
            case Markup m:
                WriteString(sb, m.Value, o.EnsureAscii);
                return;
            case IReadOnlyList<object?> list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    return;
                }

                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(o.ItemSeparator);
                    }

                    NewLine(sb, o, level + 1);
                    Write(sb, list[i], o, level + 1);
                }

                NewLine(sb, o, level);
                sb.Append(']');
                return;
            case IReadOnlyDictionary<string, object?> dict:
                if (dict.Count == 0)
                {
                    sb.Append("{}");
                    return;
                }

                IEnumerable<KeyValuePair<string, object?>> entries = dict;
                if (o.SortKeys)
                {
                    var sorted = dict.ToList();
                    sorted.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
                    entries = sorted;
                }

                sb.Append('{');
                var first = true;
                foreach (var kv in entries)
                {
                    if (!first)
                    {
                        sb.Append(o.ItemSeparator);
                    }

                    first = false;
                    NewLine(sb, o, level + 1);
                    WriteString(sb, kv.Key, o.EnsureAscii);
                    sb.Append(o.KeySeparator);
                    Write(sb, kv.Value, o, level + 1);
                }

                NewLine(sb, o, level);
                sb.Append('}');
                return;
            default:
                throw PyError.TypeError($"Object of type {PyOps.TypeName(v)} is not JSON serializable");
        }
    }

    private static void NewLine(StringBuilder sb, Options o, int level)
    {
        if (o.Indent is null)
        {
            return;
        }

        sb.Append('\n');
        for (var i = 0; i < level; i++)
        {
            sb.Append(o.Indent);
        }
    }

    public static void WriteString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
