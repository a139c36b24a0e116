using System.Text;
using System.Text.RegularExpressions;
using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Filters;

/// <summary>String filters: trim, lower, upper, title, capitalize, replace, indent, center, truncate, wordcount, striptags, format, escape, safe.</summary>
internal static partial class StringFilters
{
    public static void Register(Dictionary<string, FilterFn> d)
    {
        d["trim"] = (_, v, a) => PyStr.Strip(PyOps.Str(v), a.Get(0, "chars"), true, true);
        d["lower"] = (_, v, _) => PyOps.Str(v).ToLowerInvariant();
        d["upper"] = (_, v, _) => PyOps.Str(v).ToUpperInvariant();
        d["capitalize"] = (_, v, _) => PyStr.Capitalize(PyOps.Str(v));
        d["title"] = (_, v, _) => Title(PyOps.Str(v));
        d["replace"] = (r, v, a) => PyStr.Replace(PyOps.Str(v), PyOps.Str(a.Required(0, "old")), PyOps.Str(a.Required(1, "new")),
            a.Get(2, "count") is { } c ? PyOps.ToLong(c) : -1);
        d["indent"] = (_, v, a) => Indent(PyOps.Str(v), a.Get(0, "width", 4L), PyOps.Truthy(a.Get(1, "first", false)), PyOps.Truthy(a.Get(2, "blank", false)));
        d["center"] = (_, v, a) => PyStr.Center(PyOps.Str(v), (int)PyOps.ToLong(a.Get(0, "width", 80L)), " ");
        d["truncate"] = (_, v, a) => Truncate(PyOps.Str(v), a);
        d["wordcount"] = (_, v, _) => (long)WordRegex().Count(PyOps.Str(v));
        d["striptags"] = (_, v, _) => StripTags(PyOps.Str(v));
        d["format"] = (_, v, a) => PercentFormat.Format(PyOps.Str(v), new PyTuple([.. a.Positional]));
        d["safe"] = (_, v, _) => v is Markup ? v : new Markup(PyOps.Str(v));
        d["escape"] = d["e"] = (_, v, _) => v is Markup ? v : new Markup(Markup.Escape(PyOps.Str(v)));
        d["forceescape"] = (_, v, _) => new Markup(Markup.Escape(PyOps.Str(v)));
        d["string"] = (_, v, _) => v is Markup ? v : PyOps.Str(v);
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    private static string Title(string s)
    {
        var sb = new StringBuilder();
        foreach (var item in WordBeginning().Split(s))
        {
            if (item.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(item[0])).Append(item[1..].ToLowerInvariant());
            }
        }

        return sb.ToString();
    }

    private static string Indent(string s, object? width, bool first, bool blank)
    {
        var indention = width is string w ? w : new string(' ', (int)PyOps.ToLong(width));
        s += "\n";
        var lines = PyStr.SplitLines(s, false);
        string rv;
        if (blank)
        {
            rv = string.Join("\n" + indention, lines.Select(l => (string)l!));
        }
        else
        {
            var sb = new StringBuilder((string)lines[0]!);
            for (var i = 1; i < lines.Count; i++)
            {
                var line = (string)lines[i]!;
                sb.Append('\n');
                if (line.Length > 0)
                {
                    sb.Append(indention);
                }

                sb.Append(line);
            }

            rv = sb.ToString();
        }

        return first ? indention + rv : rv;
    }

    private static string Truncate(string s, Args a)
    {
        var length = (int)PyOps.ToLong(a.Get(0, "length", 255L));
        var killwords = PyOps.Truthy(a.Get(1, "killwords", false));
        var end = PyOps.Str(a.Get(2, "end", "..."));
        var leeway = (int)PyOps.ToLong(a.Get(3, "leeway", 5L) ?? 5L);
        if (s.Length <= length + leeway)
        {
            return s;
        }

        if (killwords)
        {
            return s[..Math.Max(0, length - end.Length)] + end;
        }

        var result = s[..Math.Max(0, length - end.Length)];
        var space = result.LastIndexOf(' ');
        return (space >= 0 ? result[..space] : result) + end;
    }

    private static string StripTags(string s)
    {
        var noTags = Regex.Replace(s, @"<!--.*?-->|<[^>]*>", string.Empty, RegexOptions.Singleline);
        var collapsed = string.Join(" ", noTags.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return System.Net.WebUtility.HtmlDecode(collapsed);
    }
}
