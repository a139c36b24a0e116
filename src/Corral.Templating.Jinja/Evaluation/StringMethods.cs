using System.Text;
using Corral.Templating.Jinja.Runtime;
using static Corral.Templating.Jinja.Evaluation.Methods;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Python str methods.</summary>
internal static class StringMethods
{
    public static object? Find(string s, string name) => name switch
    {
        "startswith" => Fn(name, (_, a) => AnyAffix(a.Required(0, "prefix"), p => s.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => Fn(name, (_, a) => AnyAffix(a.Required(0, "suffix"), p => s.EndsWith(p, StringComparison.Ordinal))),
        "strip" => Fn(name, (_, a) => PyStr.Strip(s, a.Get(0, "chars"), true, true)),
        "lstrip" => Fn(name, (_, a) => PyStr.Strip(s, a.Get(0, "chars"), true, false)),
        "rstrip" => Fn(name, (_, a) => PyStr.Strip(s, a.Get(0, "chars"), false, true)),
        "split" => Fn(name, (_, a) => PyStr.Split(s, a.Get(0, "sep"), MaxSplit(a))),
        "rsplit" => Fn(name, (_, a) => PyStr.RSplit(s, a.Get(0, "sep"), MaxSplit(a))),
        "splitlines" => Fn(name, (_, a) => PyStr.SplitLines(s, PyOps.Truthy(a.Get(0, "keepends", false)))),
        "replace" => Fn(name, (_, a) => PyStr.Replace(s, Str(a.Required(0, "old")), Str(a.Required(1, "new")), a.Has(2, "count") ? PyOps.ToLong(a.Get(2, "count")) : -1)),
        "upper" => Fn(name, (_, a) => s.ToUpperInvariant()),
        "lower" => Fn(name, (_, a) => s.ToLowerInvariant()),
        "casefold" => Fn(name, (_, a) => s.ToLowerInvariant()),
        "swapcase" => Fn(name, (_, a) => string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)))),
        "title" => Fn(name, (_, a) => PyStr.Title(s)),
        "capitalize" => Fn(name, (_, a) => PyStr.Capitalize(s)),
        "find" => Fn(name, (_, a) => (long)IndexOf(s, a, false)),
        "rfind" => Fn(name, (_, a) => (long)IndexOf(s, a, true)),
        "index" => Fn(name, (_, a) => IndexOf(s, a, false) is var i and >= 0 ? (long)i : throw PyError.ValueError("substring not found")),
        "rindex" => Fn(name, (_, a) => IndexOf(s, a, true) is var i and >= 0 ? (long)i : throw PyError.ValueError("substring not found")),
        "count" => Fn(name, (_, a) => (long)PyStr.Count(s, Str(a.Required(0, "sub")))),
        "join" => Fn(name, (r, a) => Join(r, s, a.Required(0, "iterable"))),
        "format" => Fn(name, (_, a) => StrFormat.Format(s, a)),
        "isdigit" or "isnumeric" or "isdecimal" => Fn(name, (_, a) => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => Fn(name, (_, a) => s.Length > 0 && s.All(char.IsLetter)),
        "isalnum" => Fn(name, (_, a) => s.Length > 0 && s.All(char.IsLetterOrDigit)),
        "isspace" => Fn(name, (_, a) => s.Length > 0 && s.All(Lexing.Lexer.IsSpace)),
        "isupper" => Fn(name, (_, a) => s.Any(char.IsUpper) && !s.Any(char.IsLower)),
        "islower" => Fn(name, (_, a) => s.Any(char.IsLower) && !s.Any(char.IsUpper)),
        "center" => Fn(name, (_, a) => PyStr.Center(s, (int)PyOps.ToLong(a.Required(0, "width")), Str(a.Get(1, "fillchar", " ")))),
        "ljust" => Fn(name, (_, a) => s.PadRight((int)PyOps.ToLong(a.Required(0, "width")), Str(a.Get(1, "fillchar", " "))[0])),
        "rjust" => Fn(name, (_, a) => s.PadLeft((int)PyOps.ToLong(a.Required(0, "width")), Str(a.Get(1, "fillchar", " "))[0])),
        "zfill" => Fn(name, (_, a) => PyStr.ZFill(s, (int)PyOps.ToLong(a.Required(0, "width")))),
        "partition" => Fn(name, (_, a) => PyStr.Partition(s, Str(a.Required(0, "sep")), false)),
        "rpartition" => Fn(name, (_, a) => PyStr.Partition(s, Str(a.Required(0, "sep")), true)),
        "removeprefix" => Fn(name, (_, a) => Str(a.Required(0, "prefix")) is var p && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s),
        "removesuffix" => Fn(name, (_, a) => Str(a.Required(0, "suffix")) is var p && p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s),
        _ => null,
    };

    private static string Str(object? v) => v is string or Markup ? PyOps.Str(v) : throw PyError.TypeError($"must be str, not {PyOps.TypeName(v)}");

    private static long MaxSplit(Args a) => a.Has(1, "maxsplit") ? PyOps.ToLong(a.Get(1, "maxsplit")) : -1;

    private static bool AnyAffix(object? affix, Func<string, bool> test)
    {
        if (affix is PyTuple t)
        {
            foreach (var p in t)
            {
                if (test(Str(p)))
                {
                    return true;
                }
            }

            return false;
        }

        if (affix is not string and not Markup)
        {
            throw PyError.TypeError($"startswith first arg must be str or a tuple of str, not {PyOps.TypeName(affix)}");
        }

        return test(Str(affix));
    }

    private static int IndexOf(string s, Args a, bool last)
    {
        var sub = Str(a.Required(0, "sub"));
        var start = a.Has(1, "start") ? (int)PyOps.ToLong(a.Get(1, "start")) : 0;
        var end = a.Has(2, "end") ? (int)PyOps.ToLong(a.Get(2, "end")) : s.Length;
        start = start < 0 ? Math.Max(0, start + s.Length) : Math.Min(start, s.Length);
        end = end < 0 ? Math.Max(0, end + s.Length) : Math.Min(end, s.Length);
        if (end < start)
        {
            return -1;
        }

        var window = s.AsSpan(start, end - start);
        var i = last ? window.LastIndexOf(sub.AsSpan(), StringComparison.Ordinal) : window.IndexOf(sub.AsSpan(), StringComparison.Ordinal);
        return i < 0 ? -1 : i + start;
    }

    private static string Join(Renderer r, string sep, object? iterable)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var item in PyOps.Iterate(iterable))
        {
            if (item is not string and not Markup)
            {
                throw PyError.TypeError($"sequence item: expected str instance, {PyOps.TypeName(item)} found");
            }

            if (!first)
            {
                sb.Append(sep);
            }

            first = false;
            sb.Append(PyOps.Str(item));
            r.CheckSize(sb.Length);
        }

        return sb.ToString();
    }
}
