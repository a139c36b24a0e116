using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Bound methods of str, dict and list values; mutators are unsafe as in ImmutableSandboxedEnvironment.</summary>
internal static class Methods
{
    private static readonly HashSet<string> ListMutators = ["append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"];
    private static readonly HashSet<string> DictMutators = ["clear", "pop", "popitem", "setdefault", "update"];

    public static object? Find(object? obj, string name) => obj switch
    {
        string s => StringMethods.Find(s, name),
        Markup m => StringMethods.Find(m.Value, name),
        IReadOnlyDictionary<string, object?> d => DictMethod(d, name),
        PyTuple t => ListMethod(t, name),
        IReadOnlyList<object?> l => ListMutators.Contains(name) ? Undefined.Unsafe(obj, name) : ListMethod(l, name),
        _ => null,
    };

    private static object? DictMethod(IReadOnlyDictionary<string, object?> d, string name)
    {
        if (DictMutators.Contains(name))
        {
            return Undefined.Unsafe(d, name);
        }

        return name switch
        {
            "items" => Fn(name, (_, a) => Items(d)),
            "keys" => Fn(name, (_, a) => PyOps.ToList(d)),
            "values" => Fn(name, (_, a) => d.Values.ToList()),
            "get" => Fn(name, (_, a) =>
            {
                var key = a.Required(0, "key");
                if (d is PyDict pd)
                {
                    var i = pd.Find(key);
                    return i >= 0 ? pd.Entries[i].Value : a.Get(1, "default");
                }

                return key is string k && d.TryGetValue(k, out var v) ? v : a.Get(1, "default");
            }),
            "copy" => Fn(name, (_, a) => new OrderedDictionary<string, object?>(d, StringComparer.Ordinal)),
            _ => null,
        };
    }

    public static List<object?> Items(IReadOnlyDictionary<string, object?> d)
    {
        var r = new List<object?>(d.Count);
        if (d is PyDict pd)
        {
            foreach (var e in pd.Entries)
            {
                r.Add(new PyTuple([e.Key, e.Value]));
            }

            return r;
        }

        foreach (var kv in d)
        {
            r.Add(new PyTuple([kv.Key, kv.Value]));
        }

        return r;
    }

    private static object? ListMethod(IReadOnlyList<object?> l, string name) => name switch
    {
        "index" => Fn(name, (_, a) =>
        {
            var x = a.Required(0, "value");
            for (var i = 0; i < l.Count; i++)
            {
                if (PyOps.Eq(l[i], x))
                {
                    return (long)i;
                }
            }

            throw PyError.ValueError($"{PythonRepr.Repr(x)} is not in list");
        }),
        "count" => Fn(name, (_, a) =>
        {
            var x = a.Required(0, "value");
            long n = 0;
            foreach (var item in l)
            {
                if (PyOps.Eq(item, x))
                {
                    n++;
                }
            }

            return n;
        }),
        "copy" => Fn(name, (_, a) => PyOps.ToList(l)),
        _ => null,
    };

    public static NativeFunction Fn(string name, Func<Renderer, Args, object?> body) =>
        new(name, (r, args, kwargs) => body(r, new Args(args, kwargs, name)));
}
