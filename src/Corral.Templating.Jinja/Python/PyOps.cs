using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja;

/// <summary>Python object semantics on the engine's value model: type names, truthiness, equality, ordering, iteration.</summary>
internal static class PyOps
{
    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        bool => "bool",
        long or int => "int",
        double => "float",
        string => "str",
        Markup => "Markup",
        PyTuple => "tuple",
        IReadOnlyList<object?> => "list",
        IReadOnlyDictionary<string, object?> => "dict",
        Undefined => "Undefined",
        Namespace => "Namespace",
        PyGenerator => "generator",
        LoopContext => "LoopContext",
        Macro => "Macro",
        ICallable => "function",
        _ => "object",
    };

    public static bool IsString(object? v) => v is string or Markup;

    public static bool IsNumber(object? v) => v is long or double or bool or int;

    public static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length != 0,
        Markup m => m.Value.Length != 0,
        Undefined => false,
        IReadOnlyList<object?> l => l.Count != 0,
        IReadOnlyDictionary<string, object?> d => d.Count != 0,
        _ => true,
    };

    public static string Str(object? v) => v switch
    {
        string s => s,
        Undefined => string.Empty,
        Markup m => m.Value,
        _ => PythonRepr.Str(v),
    };

    public static bool Eq(object? a, object? b)
    {
        if (a is Markup ma)
        {
            a = ma.Value;
        }

        if (b is Markup mb)
        {
            b = mb.Value;
        }

        switch (a)
        {
            case null:
                return b is null;
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case Undefined:
                return b is Undefined;
        }

        if (IsNumber(a))
        {
            if (!IsNumber(b))
            {
                return false;
            }

            if (a is double || b is double)
            {
                return ToDouble(a) == ToDouble(b);
            }

            return ToLong(a) == ToLong(b);
        }

        if (a is IReadOnlyList<object?> la)
        {
            if (b is not IReadOnlyList<object?> lb || (a is PyTuple) != (b is PyTuple) || la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!Eq(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is IReadOnlyDictionary<string, object?> da)
        {
            if (b is not IReadOnlyDictionary<string, object?> db || da.Count != db.Count)
            {
                return false;
            }

            foreach (var kv in da)
            {
                if (!db.TryGetValue(kv.Key, out var other) || !Eq(kv.Value, other))
                {
                    return false;
                }
            }

            return true;
        }

        return ReferenceEquals(a, b);
    }

    /// <summary>Python ordering (&lt;); raises TypeError for unorderable pairs.</summary>
    public static int Compare(object? a, object? b, string op)
    {
        if (a is Markup ma)
        {
            a = ma.Value;
        }

        if (b is Markup mb)
        {
            b = mb.Value;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double)
            {
                var x = ToDouble(a);
                var y = ToDouble(b);
                return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
            }

            return ToLong(a).CompareTo(ToLong(b));
        }

        if (a is string sa && b is string sb)
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }

        if (a is IReadOnlyList<object?> la && b is IReadOnlyList<object?> lb && (a is PyTuple) == (b is PyTuple))
        {
            for (var i = 0; i < la.Count && i < lb.Count; i++)
            {
                if (!Eq(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        throw PyError.TypeError($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static double ToDouble(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        _ => throw PyError.TypeError($"must be real number, not {TypeName(v)}"),
    };

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw PyError.TypeError($"an integer is required, not {TypeName(v)}"),
    };

    /// <summary>Python iteration: strings yield characters, dicts yield keys, Undefined yields nothing.</summary>
    public static IEnumerable<object?> Iterate(object? v) => v switch
    {
        IReadOnlyList<object?> l => l,
        PyDict pd => pd.Entries.Select(e => e.Key),
        IReadOnlyDictionary<string, object?> d => d.Keys.Select(k => (object?)k),
        string s => IterateString(s),
        Markup m => IterateString(m.Value),
        Undefined => [],
        PyGenerator g => g.Drain(),
        _ => throw PyError.TypeError($"'{TypeName(v)}' object is not iterable"),
    };

    /// <summary>Materializes an iterable into a list (the list() builtin).</summary>
    public static List<object?> ToList(object? v)
    {
        if (v is IReadOnlyList<object?> l)
        {
            var copy = new List<object?>(l.Count);
            for (var i = 0; i < l.Count; i++)
            {
                copy.Add(l[i]);
            }

            return copy;
        }

        return [.. Iterate(v)];
    }

    public static bool IsIterable(object? v) =>
        v is IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> or string or Markup or Undefined or PyGenerator;

    public static int Len(object? v) => v switch
    {
        string s => s.Length,
        Markup m => m.Value.Length,
        IReadOnlyList<object?> l => l.Count,
        IReadOnlyDictionary<string, object?> d => d.Count,
        _ => throw PyError.TypeError($"object of type '{TypeName(v)}' has no len()"),
    };

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                if (item is Markup mi)
                {
                    item = mi.Value;
                }

                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw PyError.TypeError($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case Markup m:
                return Contains(m.Value, item);
            case PyDict pd:
                return pd.Find(item) >= 0;
            case IReadOnlyDictionary<string, object?> d:
                return item is string k ? d.ContainsKey(k) : item is Markup mk && d.ContainsKey(mk.Value);
            case IReadOnlyList<object?> l:
                for (var i = 0; i < l.Count; i++)
                {
                    if (Eq(l[i], item))
                    {
                        return true;
                    }
                }

                return false;
            case Undefined:
                return false;
            case PyGenerator g:
                foreach (var x in g.Drain())
                {
                    if (Eq(x, item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                throw PyError.TypeError($"argument of type '{TypeName(container)}' is not iterable");
        }
    }

    private static IEnumerable<object?> IterateString(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                yield return s.Substring(i++, 2);
            }
            else
            {
                yield return s[i].ToString();
            }
        }
    }
}
