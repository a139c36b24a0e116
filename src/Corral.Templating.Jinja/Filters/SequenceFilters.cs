using System.Text;
using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Filters;

/// <summary>Sequence filters: length, list, first, last, join, unique, sort, reverse, dictsort, batch, sum, min, max, items.</summary>
internal static class SequenceFilters
{
    public static void Register(Dictionary<string, FilterFn> d)
    {
        d["length"] = d["count"] = (_, v, _) => v is Undefined ? 0L : (long)PyOps.Len(v);
        d["list"] = (_, v, _) => PyOps.ToList(v);
        d["first"] = (_, v, _) =>
        {
            foreach (var x in PyOps.Iterate(v))
            {
                return x;
            }

            return Undefined.WithHint("No first item, sequence was empty.");
        };
        d["last"] = (_, v, _) =>
        {
            var l = v is IReadOnlyList<object?> list ? list : v is string or Markup ? PyOps.ToList(v)
                : throw PyError.TypeError($"'{PyOps.TypeName(v)}' object is not reversible");
            return l.Count > 0 ? l[^1] : Undefined.WithHint("No last item, sequence was empty.");
        };
        d["join"] = Join;
        d["unique"] = (r, v, a) => new PyGenerator(Unique(r, v, a), "do_unique");
        d["sort"] = (r, v, a) => Sort(r, v, PyOps.Truthy(a.Get(0, "reverse", false)), PyOps.Truthy(a.Get(1, "case_sensitive", false)), a.Get(2, "attribute"));
        d["reverse"] = (_, v, _) =>
        {
            if (v is string or Markup)
            {
                var chars = PyOps.Str(v).ToCharArray();
                Array.Reverse(chars);
                return new string(chars);
            }

            var l = PyOps.ToList(v);
            l.Reverse();
            return new PyGenerator(l, "reversed");
        };
        d["dictsort"] = DictSort;
        d["items"] = (_, v, _) => v switch
        {
            Undefined => new PyGenerator([], "do_items"),
            IReadOnlyDictionary<string, object?> m => new PyGenerator(Methods.Items(m), "do_items"),
            _ => throw PyError.Runtime("Can only get item pairs from a mapping."),
        };
        d["batch"] = (_, v, a) => new PyGenerator(Batch(v, (int)PyOps.ToLong(a.Required(0, "linecount")), a.Has(1, "fill_with") ? a.Get(1, "fill_with") : Missing), "do_batch");
        d["sum"] = (r, v, a) =>
        {
            object? total = a.Get(1, "start", 0L);
            var attr = a.Get(0, "attribute");
            foreach (var x in PyOps.Iterate(v))
            {
                total = Operators.Binary("+", total, attr is null ? x : SelectionFilters.AttrGet(x, attr));
            }

            return total;
        };
        d["min"] = (r, v, a) => MinMax(r, v, a, -1);
        d["max"] = (r, v, a) => MinMax(r, v, a, 1);
    }

    private static readonly object Missing = new();

    private static object? Join(Renderer r, object? v, Args a)
    {
        var sep = PyOps.Str(a.Get(0, "d", string.Empty));
        var attr = a.Get(1, "attribute");
        var sb = new StringBuilder();
        var first = true;
        foreach (var item in PyOps.Iterate(v))
        {
            if (!first)
            {
                sb.Append(sep);
            }

            first = false;
            sb.Append(PyOps.Str(attr is null ? item : SelectionFilters.AttrGet(item, attr)));
            r.CheckSize(sb.Length);
        }

        return sb.ToString();
    }

    private static object? Key(object? x, bool caseSensitive, object? attribute)
    {
        if (attribute is not null)
        {
            x = SelectionFilters.AttrGet(x, attribute);
        }

        return !caseSensitive && x is string s ? s.ToLowerInvariant() : x;
    }

    private static IEnumerable<object?> Unique(Renderer r, object? v, Args a)
    {
        var caseSensitive = PyOps.Truthy(a.Get(0, "case_sensitive", false));
        var attribute = a.Get(1, "attribute");
        var seen = new List<object?>();
        foreach (var x in PyOps.Iterate(v))
        {
            var key = Key(x, caseSensitive, attribute);
            if (!seen.Exists(s => PyOps.Eq(s, key)))
            {
                seen.Add(key);
                yield return x;
            }
        }
    }

    public static List<object?> Sort(Renderer r, object? v, bool reverse, bool caseSensitive, object? attribute)
    {
        var items = PyOps.ToList(v);
        var keyed = items.Select((x, i) => (Key: Key(x, caseSensitive, attribute), Index: i, Value: x)).ToList();
        keyed.Sort((p, q) =>
        {
            var c = PyOps.Compare(p.Key, q.Key, "<");
            if (reverse)
            {
                c = -c;
            }

            return c != 0 ? c : p.Index.CompareTo(q.Index);
        });
        return keyed.Select(k => k.Value).ToList();
    }

    private static object? DictSort(Renderer r, object? v, Args a)
    {
        if (v is not IReadOnlyDictionary<string, object?> d)
        {
            throw PyError.TypeError("dictsort requires a mapping");
        }

        var caseSensitive = PyOps.Truthy(a.Get(0, "case_sensitive", false));
        var by = PyOps.Str(a.Get(1, "by", "key"));
        var reverse = PyOps.Truthy(a.Get(2, "reverse", false));
        var pos = by == "key" ? 0 : by == "value" ? 1 : throw new PyError("FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
        var items = Methods.Items(d);
        var keyed = items.Select((x, i) => (Key: Key(((PyTuple)x!)[pos], caseSensitive, null), Index: i, Value: x)).ToList();
        keyed.Sort((p, q) =>
        {
            var c = PyOps.Compare(p.Key, q.Key, "<");
            return reverse ? -c : c != 0 ? c : p.Index.CompareTo(q.Index);
        });
        return keyed.Select(k => k.Value).ToList();
    }

    private static IEnumerable<object?> Batch(object? v, int size, object? fill)
    {
        if (size <= 0)
        {
            throw PyError.ValueError("batch size must be positive");
        }

        var tmp = new List<object?>();
        foreach (var x in PyOps.Iterate(v))
        {
            if (tmp.Count == size)
            {
                yield return tmp;
                tmp = [];
            }

            tmp.Add(x);
        }

        if (tmp.Count > 0)
        {
            if (!ReferenceEquals(fill, Missing))
            {
                while (tmp.Count < size)
                {
                    tmp.Add(fill);
                }
            }

            yield return tmp;
        }
    }

    private static object? MinMax(Renderer r, object? v, Args a, int sign)
    {
        var caseSensitive = PyOps.Truthy(a.Get(0, "case_sensitive", false));
        var attribute = a.Get(1, "attribute");
        object? best = null, bestKey = null;
        var any = false;
        foreach (var x in PyOps.Iterate(v))
        {
            var key = Key(x, caseSensitive, attribute);
            if (!any || PyOps.Compare(key, bestKey, "<") == sign)
            {
                best = x;
                bestKey = key;
                any = true;
            }
        }

        return any ? best : Undefined.WithHint($"No aggregated item, sequence was empty.");
    }
}
