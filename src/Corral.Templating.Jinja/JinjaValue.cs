using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Templating.Jinja;

/// <summary>Builds template values from System.Text.Json, preserving object key order.</summary>
public static class JinjaValue
{
    /// <summary>Converts a JSON element: objects become ordered dictionaries, arrays lists, integers long, other numbers double.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromObject(element),
        JsonValueKind.Array => FromArray(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) && !element.GetRawText().AsSpan().ContainsAny(".eE") ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Converts a JSON node (null for JSON null).</summary>
    public static object? FromJson(JsonNode? node) => node is null ? null : FromJson(JsonSerializer.SerializeToElement(node));

    /// <summary>Parses JSON text into a template value.</summary>
    public static object? ParseJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromJson(doc.RootElement);
    }

    private static OrderedDictionary<string, object?> FromObject(JsonElement element)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            d[p.Name] = FromJson(p.Value);
        }

        return d;
    }

    private static List<object?> FromArray(JsonElement element)
    {
        var l = new List<object?>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            l.Add(FromJson(item));
        }

        return l;
    }
}
