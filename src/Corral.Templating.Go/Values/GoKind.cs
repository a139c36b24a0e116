using System.Collections;

namespace Corral.Templating.Go;

/// <summary>Go reflect-like kinds of the values the engine understands.</summary>
internal enum GoKind { Invalid, Bool, Int, Uint, Float, String, Map, Slice, Struct, Func, Other }

/// <summary>Classification and accessors for the value protocol (no reflection).</summary>
internal static class GoValues
{
    public static GoKind Kind(object? v) => v switch
    {
        null => GoKind.Invalid,
        bool => GoKind.Bool,
        string => GoKind.String,
        int or long or short or sbyte => GoKind.Int,
        uint or ulong or ushort or byte => GoKind.Uint,
        double or float or decimal => GoKind.Float,
        IGoStruct => GoKind.Struct,
        IReadOnlyDictionary<string, object?> or IDictionary => GoKind.Map,
        IReadOnlyList<object?> or IList => GoKind.Slice,
        GoCallable or Delegate => GoKind.Func,
        char => GoKind.Int,
        _ => GoKind.Other,
    };

    public static long ToInt(object v) => v switch
    {
        int i => i, long l => l, short s => s, sbyte b => b, char c => c,
        _ => 0,
    };

    public static ulong ToUint(object v) => v switch
    {
        uint i => i, ulong l => l, ushort s => s, byte b => b,
        _ => 0,
    };

    public static double ToFloat(object v) => v switch
    {
        double d => d, float f => f, decimal m => (double)m,
        _ => 0,
    };

    public static string TypeName(object? v) => v switch
    {
        null => "<nil>",
        bool => "bool",
        string => "string",
        int or long => "int",
        short => "int16",
        sbyte => "int8",
        char => "int32",
        uint or ulong => "uint",
        ushort => "uint16",
        byte => "uint8",
        double or decimal => "float64",
        float => "float32",
        IGoStruct s => s.GoTypeName,
        IReadOnlyDictionary<string, object?> or IDictionary => "map[string]interface {}",
        IReadOnlyList<object?> or IList => "[]interface {}",
        GoCallable => "func(...interface {}) interface {}",
        Delegate => "func()",
        _ => v.GetType().Name,
    };

    public static int Len(object v) => v switch
    {
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        IReadOnlyDictionary<string, object?> d => d.Count,
        IDictionary d => d.Count,
        IReadOnlyList<object?> l => l.Count,
        IList l => l.Count,
        _ => 0,
    };

    public static object? Index(object slice, int i) => slice switch
    {
        IReadOnlyList<object?> l => l[i],
        IList l => l[i],
        _ => null,
    };

    public static bool TryGetMap(object map, string key, out object? value)
    {
        switch (map)
        {
            case IReadOnlyDictionary<string, object?> d:
                return d.TryGetValue(key, out value);
            case IDictionary d when d.Contains(key):
                value = d[key];
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>Map entries sorted as Go's <c>fmtsort</c> does for string (or numeric) keys.</summary>
    public static List<KeyValuePair<object, object?>> SortedEntries(object map)
    {
        var list = new List<KeyValuePair<object, object?>>();
        if (map is IReadOnlyDictionary<string, object?> d)
        {
            foreach (var kv in d) list.Add(new KeyValuePair<object, object?>(kv.Key, kv.Value));
        }
        else if (map is IDictionary nd)
        {
            foreach (DictionaryEntry e in nd) list.Add(new KeyValuePair<object, object?>(e.Key, e.Value));
        }
        list.Sort(static (a, b) => CompareKeys(a.Key, b.Key));
        return list;
    }

    private static int CompareKeys(object a, object b)
    {
        if (a is string sa && b is string sb) return CompareUtf8(sa, sb);
        var ka = Kind(a);
        if (ka == GoKind.Int && Kind(b) == GoKind.Int) return ToInt(a).CompareTo(ToInt(b));
        if (ka == GoKind.Uint && Kind(b) == GoKind.Uint) return ToUint(a).CompareTo(ToUint(b));
        if (ka == GoKind.Float && Kind(b) == GoKind.Float) return ToFloat(a).CompareTo(ToFloat(b));
        return CompareUtf8(a.ToString() ?? "", b.ToString() ?? "");
    }

    /// <summary>Byte-wise UTF-8 order (Go string comparison), which differs from UTF-16 only around surrogates.</summary>
    public static int CompareUtf8(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys && (x >= 0xE000 || y >= 0xE000)) return xs ? 1 : -1;
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }
}
