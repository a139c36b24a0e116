using System.Globalization;
using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Filters;

/// <summary>Lazy filters returning generators: map, select, reject, selectattr, rejectattr.</summary>
internal static class SelectionFilters
{
    public static void Register(Dictionary<string, FilterFn> d)
    {
        d["map"] = (r, v, a) => new PyGenerator(Map(r, v, a), "sync_do_map");
        d["select"] = (r, v, a) => new PyGenerator(Select(r, v, a, null, true), "select_or_reject");
        d["reject"] = (r, v, a) => new PyGenerator(Select(r, v, a, null, false), "select_or_reject");
        d["selectattr"] = (r, v, a) => new PyGenerator(Select(r, v, a.Skip(1), a.Required(0, "attribute"), true), "select_or_reject");
        d["rejectattr"] = (r, v, a) => new PyGenerator(Select(r, v, a.Skip(1), a.Required(0, "attribute"), false), "select_or_reject");
    }

    /// <summary>jinja2 make_attrgetter: dotted path, integer parts index, each step via environment.getitem.</summary>
    public static object? AttrGet(object? item, object? attribute)
    {
        if (attribute is long or int)
        {
            return Access.GetItem(item, attribute);
        }

        foreach (var part in PyOps.Str(attribute).Split('.'))
        {
            object key = long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : part;
            item = Access.GetItem(item, key);
        }

        return item;
    }

    private static IEnumerable<object?> Map(Renderer r, object? v, Args a)
    {
        if (!PyOps.Truthy(v))
        {
            yield break;
        }

        var attribute = a.Count == 0 ? a.Get(-1, "attribute") : null;
        if (attribute is not null)
        {
            var hasDefault = a.Has(-1, "default");
            var dflt = a.Get(-1, "default");
            foreach (var x in PyOps.Iterate(v))
            {
                r.Step();
                var value = AttrGet(x, attribute);
                yield return hasDefault && value is Undefined ? dflt : value;
            }

            yield break;
        }

        if (a.Count == 0)
        {
            throw PyError.Runtime("map requires a filter argument");
        }

        var name = PyOps.Str(a.Positional[0]);
        var rest = a.Skip(1);
        foreach (var x in PyOps.Iterate(v))
        {
            r.Step();
            yield return r.ApplyFilter(name, x, rest);
        }
    }

    private static IEnumerable<object?> Select(Renderer r, object? v, Args a, object? attribute, bool expect)
    {
        if (!PyOps.Truthy(v))
        {
            yield break;
        }

        string? test = a.Count > 0 ? PyOps.Str(a.Positional[0]) : null;
        var rest = a.Skip(1);
        foreach (var x in PyOps.Iterate(v))
        {
            r.Step();
            var value = attribute is null ? x : AttrGet(x, attribute);
            var ok = test is null ? PyOps.Truthy(value) : r.ApplyTest(test, value, rest);
            if (ok == expect)
            {
                yield return x;
            }
        }
    }
}
