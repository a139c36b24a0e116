using System.Globalization;
using System.Text;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Functions;

/// <summary>Go's <c>encoding/json.Marshal</c> for the value protocol (HTML-safe escaping, sorted map keys).</summary>
internal static class GoJson
{
    private const int MaxDepth = 64;

    /// <summary>Marshals a value; returns <see langword="null"/> where Go's Marshal would fail.</summary>
    public static string? Marshal(object? v)
    {
        var sb = new StringBuilder();
        return Write(sb, v, 0) ? sb.ToString() : null;
    }

    private static bool Write(StringBuilder sb, object? v, int depth)
    {
        if (depth > MaxDepth) return false;
        switch (v)
        {
            case null: sb.Append("null"); return true;
            case IGoJsonMarshaler m: sb.Append(m.MarshalGoJson()); return true;
        }
        switch (GoValues.Kind(v))
        {
            case GoKind.Bool: sb.Append((bool)v ? "true" : "false"); return true;
            case GoKind.Int: sb.Append(GoValues.ToInt(v).ToString(CultureInfo.InvariantCulture)); return true;
            case GoKind.Uint: sb.Append(GoValues.ToUint(v).ToString(CultureInfo.InvariantCulture)); return true;
            case GoKind.Float:
                double f = GoValues.ToFloat(v);
                if (double.IsNaN(f) || double.IsInfinity(f)) return false;
                sb.Append(GoFloat.Json(f));
                return true;
            case GoKind.String: WriteString(sb, (string)v); return true;
            case GoKind.Map:
                sb.Append('{');
                var entries = GoValues.SortedEntries(v);
                for (int i = 0; i < entries.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, entries[i].Key as string ?? entries[i].Key.ToString() ?? "");
                    sb.Append(':');
                    if (!Write(sb, entries[i].Value, depth + 1)) return false;
                }
                sb.Append('}');
                return true;
            case GoKind.Slice:
                sb.Append('[');
                int n = GoValues.Len(v);
                for (int i = 0; i < n; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (!Write(sb, GoValues.Index(v, i), depth + 1)) return false;
                }
                sb.Append(']');
                return true;
            case GoKind.Struct:
                var st = (IGoStruct)v;
                sb.Append('{');
                for (int i = 0; i < st.FieldNames.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, st.FieldNames[i]);
                    sb.Append(':');
                    st.TryGetField(st.FieldNames[i], out var fv);
                    if (!Write(sb, fv, depth + 1)) return false;
                }
                sb.Append('}');
                return true;
            default:
                return false;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '"': sb.Append("\\\""); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(hex[c >> 12]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
                    continue;
            }
            if (c < 0x20)
            {
                sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
                continue;
            }
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                sb.Append("\\ufffd");
                continue;
            }
            sb.Append(c);
        }
        sb.Append('"');
    }
}
