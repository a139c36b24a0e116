using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Templating.Jinja;

namespace Corral.Prompting.Jinja;

/// <summary>Turns a <see cref="PromptInput.Variables"/> value into a Jinja value: JSON elements and nodes keep
/// their key order; strings, booleans, integers and floating-point numbers pass through; lists and dictionaries
/// convert item by item; anything else goes through its JSON serialization.</summary>
internal static class JinjaVariableConverter
{
    public static object? Convert(object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        JsonElement e => JinjaValue.FromJson(e),
        JsonNode n => JinjaValue.FromJson(n),
        int or short or sbyte or byte or ushort or uint => System.Convert.ToInt64(value, null),
        float or decimal => System.Convert.ToDouble(value, null),
        IReadOnlyDictionary<string, object?> d => ConvertDictionary(d),
        IDictionary<string, object?> d => ConvertDictionary(d),
        IEnumerable e and not IDictionary => ConvertList(e),
        _ => JinjaValue.FromJson(JsonSerializer.SerializeToElement(value, value.GetType())),
    };

    private static OrderedDictionary<string, object?> ConvertDictionary(IEnumerable<KeyValuePair<string, object?>> source)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in source)
        {
            d[key] = Convert(item);
        }

        return d;
    }

    private static List<object?> ConvertList(IEnumerable source)
    {
        var list = new List<object?>();
        foreach (var item in source)
        {
            list.Add(Convert(item));
        }

        return list;
    }
}
