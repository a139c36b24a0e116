using System.Globalization;
using System.Text;
using Corral.Templating.Go.Execution;

namespace Corral.Templating.Go.Functions;

/// <summary>Go's <c>len</c>, <c>index</c> and <c>slice</c>.</summary>
internal static class Indexing
{
    public static Val Len(Val item)
    {
        if (item.Obj == null)
        {
            if (item.Iface) throw new GoFunctionException("len of nil pointer");
            throw new GoFunctionException("reflect: call of reflect.Value.Type on zero Value");
        }
        return GoValues.Kind(item.Obj) switch
        {
            GoKind.Map or GoKind.Slice or GoKind.String => Val.Of((long)GoValues.Len(item.Obj)),
            _ => throw new GoFunctionException("len of type " + GoValues.TypeName(item.Obj)),
        };
    }

    private static int IndexArg(Val index, int cap)
    {
        object? o = index.Obj;
        long x;
        switch (GoValues.Kind(o))
        {
            case GoKind.Int: x = GoValues.ToInt(o!); break;
            case GoKind.Uint: x = GoValues.ToUint(o!) > long.MaxValue ? -1 : (long)GoValues.ToUint(o!); break;
            case GoKind.Invalid: throw new GoFunctionException("cannot index slice/array with nil");
            default: throw new GoFunctionException("cannot index slice/array with type " + GoValues.TypeName(o));
        }
        if (x < 0 || x > cap) throw new GoFunctionException("index out of range: " + x.ToString(CultureInfo.InvariantCulture));
        return (int)x;
    }

    public static Val Index(Val[] a)
    {
        var item = a[0].Concrete;
        if (item.Obj == null) throw new GoFunctionException("index of untyped nil");
        for (int i = 1; i < a.Length; i++)
        {
            var index = a[i].Concrete;
            if (item.Obj == null) throw new GoFunctionException("index of nil pointer");
            object o = item.Obj;
            switch (GoValues.Kind(o))
            {
                case GoKind.Slice:
                    {
                        int n = GoValues.Len(o);
                        int x = IndexArg(index, n);
                        if (x == n) throw new GoFunctionException("reflect: slice index out of range");
                        item = new Val(GoValues.Index(o, x), true);
                        break;
                    }
                case GoKind.String:
                    {
                        byte[] bytes = Encoding.UTF8.GetBytes((string)o);
                        int x = IndexArg(index, bytes.Length);
                        if (x == bytes.Length) throw new GoFunctionException("reflect: string index out of range");
                        item = Val.Of(bytes[x]);
                        break;
                    }
                case GoKind.Map:
                    {
                        if (index.Obj == null) throw new GoFunctionException("value is nil; should be of type string");
                        if (index.Obj is not string key)
                            throw new GoFunctionException("value has type " + GoValues.TypeName(index.Obj) + "; should be string");
                        item = GoValues.TryGetMap(o, key, out var v) ? new Val(v, true) : Val.NilIface;
                        break;
                    }
                default:
                    throw new GoFunctionException("can't index item of type " + GoValues.TypeName(o));
            }
        }
        return item;
    }

    public static Val Slice(Val[] a)
    {
        var item = a[0].Concrete;
        if (item.Obj == null) throw new GoFunctionException("slice of untyped nil");
        int nIdx = a.Length - 1;
        if (nIdx > 3) throw new GoFunctionException("too many slice indexes: " + nIdx.ToString(CultureInfo.InvariantCulture));
        object o = item.Obj;
        int cap;
        byte[]? bytes = null;
        switch (GoValues.Kind(o))
        {
            case GoKind.String:
                if (nIdx == 3) throw new GoFunctionException("cannot 3-index slice a string");
                bytes = Encoding.UTF8.GetBytes((string)o);
                cap = bytes.Length;
                break;
            case GoKind.Slice:
                cap = GoValues.Len(o);
                break;
            default:
                throw new GoFunctionException("can't slice item of type " + GoValues.TypeName(o));
        }
        int[] idx = { 0, cap, 0 };
        for (int i = 0; i < nIdx; i++) idx[i] = IndexArg(a[i + 1].Concrete, cap);
        if (idx[0] > idx[1]) throw new GoFunctionException($"invalid slice index: {idx[0]} > {idx[1]}");
        if (nIdx == 3 && idx[1] > idx[2]) throw new GoFunctionException($"invalid slice index: {idx[1]} > {idx[2]}");
        if (bytes != null) return Val.Of(Encoding.UTF8.GetString(bytes, idx[0], idx[1] - idx[0]));
        var list = new List<object?>(idx[1] - idx[0]);
        for (int i = idx[0]; i < idx[1]; i++) list.Add(GoValues.Index(o, i));
        return Val.Of(list);
    }
}
