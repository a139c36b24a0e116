using System.Text.Json;

namespace Corral.Prompting.Go;

/// <summary>Turns request JSON into the values Go's <c>encoding/json</c> produces when decoding into <c>any</c>:
/// objects become maps (printed and marshalled with sorted keys), arrays lists, numbers <c>float64</c>.</summary>
internal static class JsonValues
{
    private const int MaxDepth = 64;

    public static object? ToGo(JsonElement e, int depth = 0)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return e.GetString() ?? "";
            case JsonValueKind.Number: return e.TryGetDouble(out var d) ? d : double.NaN;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Object: return depth > MaxDepth ? null : ToMap(e, depth);
            case JsonValueKind.Array:
                if (depth > MaxDepth) return null;
                var list = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray()) list.Add(ToGo(item, depth + 1));
                return list;
            default: return null;
        }
    }

    public static Dictionary<string, object?> ToMap(JsonElement e, int depth = 0)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) map[p.Name] = ToGo(p.Value, depth + 1);
        return map;
    }

    /// <summary>A <c>[]string</c> field: the string items of an array (others are skipped); empty when absent.</summary>
    public static IReadOnlyList<object?> Strings(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return [];
        var list = new List<object?>(a.GetArrayLength());
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString());
        }
        return list;
    }

    /// <summary>A <c>string</c> field; empty when absent or not a string.</summary>
    public static string String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    /// <summary>An <c>any</c> field; null when absent.</summary>
    public static object? Any(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? ToGo(v) : null;
}
