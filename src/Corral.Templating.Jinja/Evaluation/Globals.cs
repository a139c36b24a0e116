using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Global functions HF's environment exposes: range, dict, namespace, raise_exception, strftime_now, ...</summary>
internal static class Globals
{
    private static readonly Dictionary<string, object?> Functions = new(StringComparer.Ordinal)
    {
        ["range"] = new NativeFunction("range", (r, a, _) => Range(r, a)),
        ["dict"] = new NativeFunction("dict", (_, a, k) => Dict(a, k)),
        ["namespace"] = new NativeFunction("namespace", (_, a, k) => Namespace(a, k)),
        ["raise_exception"] = new NativeFunction("raise_exception", (_, a, _) =>
            throw new PyError("TemplateError", a.Count > 0 ? PyOps.Str(a[0]) : string.Empty)),
        ["strftime_now"] = new NativeFunction("strftime_now", (r, a, _) =>
            PyStrftime.Format(r.Options.ResolveNow(), a.Count > 0 ? PyOps.Str(a[0]) : throw PyError.TypeError("strftime_now() missing 1 required positional argument: 'format'"))),
        ["joiner"] = new NativeFunction("joiner", (_, a, _) =>
        {
            var sep = a.Count > 0 ? PyOps.Str(a[0]) : ", ";
            var used = false;
            return new NativeFunction("joiner", (_, _, _) =>
            {
                var result = used ? sep : string.Empty;
                used = true;
                return result;
            });
        }),
    };

    public static bool TryGet(string name, out object? value) => Functions.TryGetValue(name, out value);

    private static List<object?> Range(Renderer r, List<object?> a)
    {
        long start = 0, stop, step = 1;
        if (a.Count == 1)
        {
            stop = PyOps.ToLong(a[0]);
        }
        else if (a.Count is 2 or 3)
        {
            start = PyOps.ToLong(a[0]);
            stop = PyOps.ToLong(a[1]);
            step = a.Count == 3 ? PyOps.ToLong(a[2]) : 1;
        }
        else
        {
            throw PyError.TypeError($"range expected at most 3 arguments, got {a.Count}");
        }

        if (step == 0)
        {
            throw PyError.ValueError("range() arg 3 must not be zero");
        }

        var count = step > 0 ? Math.Max(0, (stop - start + step - 1) / step) : Math.Max(0, (start - stop - step - 1) / -step);
        if (count > r.Options.MaxLoopIterations)
        {
            throw PyError.Limit($"range() of {count} items exceeds the limit of {r.Options.MaxLoopIterations} loop iterations");
        }

        var list = new List<object?>((int)count);
        for (long i = 0, v = start; i < count; i++, v += step)
        {
            list.Add(v);
        }

        return list;
    }

    private static OrderedDictionary<string, object?> Dict(List<object?> a, List<KeyValuePair<string, object?>>? k)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (a.Count > 0)
        {
            if (a[0] is IReadOnlyDictionary<string, object?> src)
            {
                foreach (var kv in src)
                {
                    d[kv.Key] = kv.Value;
                }
            }
            else
            {
                foreach (var pair in PyOps.Iterate(a[0]))
                {
                    var p = PyOps.ToList(pair);
                    d[PyOps.Str(p[0])] = p[1];
                }
            }
        }

        if (k is not null)
        {
            foreach (var kv in k)
            {
                d[kv.Key] = kv.Value;
            }
        }

        return d;
    }

    private static Namespace Namespace(List<object?> a, List<KeyValuePair<string, object?>>? k)
    {
        var ns = new Namespace();
        if (a.Count > 0 && a[0] is IReadOnlyDictionary<string, object?> src)
        {
            foreach (var kv in src)
            {
                ns.Attributes[kv.Key] = kv.Value;
            }
        }

        if (k is not null)
        {
            foreach (var kv in k)
            {
                ns.Attributes[kv.Key] = kv.Value;
            }
        }

        return ns;
    }
}
