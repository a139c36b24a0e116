using System.Globalization;
using System.Text;
using Corral.Templating.Go.Execution;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Functions;

/// <summary>Go's <c>html</c>, <c>js</c> and <c>urlquery</c> escapers.</summary>
internal static class Escaping
{
    /// <summary>Go's <c>evalArgs</c>: a lone string is used as is, otherwise values are Sprint-ed.</summary>
    public static string EvalArgs(Val[] args)
    {
        if (args.Length == 1 && args[0].Obj is string s) return s;
        var objs = new object?[args.Length];
        for (int i = 0; i < args.Length; i++) objs[i] = args[i].Obj ?? "<no value>";
        return GoPrinter.Sprint(objs);
    }

    public static string Html(string s)
    {
        if (s.AsSpan().IndexOfAny("'\"&<>\0") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\0': sb.Append('\uFFFD'); break;
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public static string Js(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); continue;
                case '\'': sb.Append(@"\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append(@"\u003C"); continue;
                case '>': sb.Append(@"\u003E"); continue;
                case '&': sb.Append(@"\u0026"); continue;
                case '=': sb.Append(@"\u003D"); continue;
            }
            if (c < ' ')
            {
                sb.Append(@"\u00").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                continue;
            }
            if (c < 0x80)
            {
                sb.Append(c);
                continue;
            }
            int r = GoPrinter.RuneAt(s, i, out int size);
            if (GoQuote.IsPrint(r)) sb.Append(s, i, size);
            else sb.Append(@"\u").Append(r.ToString("X4", CultureInfo.InvariantCulture));
            i += size - 1;
        }
        return sb.ToString();
    }

    public static string UrlQuery(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '-' or '_' or '.' or '~') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
