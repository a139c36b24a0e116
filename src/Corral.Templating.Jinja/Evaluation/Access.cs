using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>
/// Sandboxed attribute and item access (jinja2 ImmutableSandboxedEnvironment.getattr/getitem):
/// dunder names are unsafe, mutating methods of lists and dicts are unsafe, everything else is data.
/// </summary>
internal static class Access
{
    public static object? GetAttr(object? obj, string name)
    {
        if (obj is Undefined u)
        {
            throw u.Fail();
        }

        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return Undefined.Unsafe(obj, name);
        }

        var method = Methods.Find(obj, name);
        if (method is not null)
        {
            return method;
        }

        return Item(obj, name, tryAttribute: false);
    }

    public static object? GetItem(object? obj, object? key)
    {
        if (obj is Undefined u)
        {
            throw u.Fail();
        }

        if (key is PyTuple t && obj is not IReadOnlyDictionary<string, object?>)
        {
            return Undefined.Attribute(obj, t);
        }

        return Item(obj, key, tryAttribute: true);
    }

    private static object? Item(object? obj, object? key, bool tryAttribute)
    {
        switch (obj)
        {
            case PyDict pd:
                var pi = pd.Find(key);
                if (pi >= 0)
                {
                    return pd.Entries[pi].Value;
                }

                break;
            case IReadOnlyDictionary<string, object?> d:
                var k = key is Markup mk ? mk.Value : key as string;
                if (k is not null && d.TryGetValue(k, out var v))
                {
                    return v;
                }

                break;
            case string or Markup when key is long or bool or int:
                var s = PyOps.Str(obj);
                var si = Index(PyOps.ToLong(key), s.Length);
                if (si >= 0)
                {
                    return s[si].ToString();
                }

                break;
            case IReadOnlyList<object?> l when key is long or bool or int:
                var li = Index(PyOps.ToLong(key), l.Count);
                if (li >= 0)
                {
                    return l[li];
                }

                break;
            case Namespace ns when key is string nk:
                if (ns.Attributes.TryGetValue(nk, out var nv))
                {
                    return nv;
                }

                break;
            case LoopContext loop when key is string lk:
                return loop.Get(lk);
        }

        if (tryAttribute && key is string attr)
        {
            if (attr.StartsWith("__", StringComparison.Ordinal))
            {
                return Undefined.Unsafe(obj, attr);
            }

            var method = Methods.Find(obj, attr);
            if (method is not null)
            {
                return method;
            }
        }

        return Undefined.Attribute(obj, key);
    }

    private static int Index(long i, int count)
    {
        if (i < 0)
        {
            i += count;
        }

        return i >= 0 && i < count ? (int)i : -1;
    }

    public static object? Slice(object? obj, object? start, object? stop, object? step)
    {
        if (obj is Undefined u)
        {
            throw u.Fail();
        }

        var st = step is null ? 1 : PyOps.ToLong(step);
        if (st == 0)
        {
            throw PyError.ValueError("slice step cannot be zero");
        }

        if (PyOps.IsString(obj))
        {
            var s = PyOps.Str(obj);
            var idx = Indices(s.Length, start, stop, st);
            if (st == 1)
            {
                return idx.Count == 0 ? string.Empty : s.Substring(idx[0], idx.Count);
            }

            var chars = new char[idx.Count];
            for (var i = 0; i < idx.Count; i++)
            {
                chars[i] = s[idx[i]];
            }

            return new string(chars);
        }

        if (obj is IReadOnlyList<object?> l)
        {
            var idx = Indices(l.Count, start, stop, st);
            var r = new object?[idx.Count];
            for (var i = 0; i < idx.Count; i++)
            {
                r[i] = l[idx[i]];
            }

            return obj is PyTuple ? new PyTuple(r) : new List<object?>(r);
        }

        throw PyError.TypeError($"'{PyOps.TypeName(obj)}' object is not subscriptable");
    }

    private static List<int> Indices(int len, object? start, object? stop, long step)
    {
        long lo, hi;
        if (step > 0)
        {
            lo = Clamp(start, len, 0, 0, len);
            hi = Clamp(stop, len, len, 0, len);
        }
        else
        {
            lo = Clamp(start, len, len - 1, -1, len - 1);
            hi = Clamp(stop, len, -1, -1, len - 1);
        }

        var r = new List<int>();
        if (step > 0)
        {
            for (var i = lo; i < hi; i += step)
            {
                r.Add((int)i);
            }
        }
        else
        {
            for (var i = lo; i > hi; i += step)
            {
                r.Add((int)i);
            }
        }

        return r;
    }

    private static long Clamp(object? v, int len, long dflt, long min, long max)
    {
        if (v is null)
        {
            return dflt;
        }

        var i = PyOps.ToLong(v);
        if (i < 0)
        {
            i += len;
        }

        return Math.Clamp(i, min, max);
    }
}
