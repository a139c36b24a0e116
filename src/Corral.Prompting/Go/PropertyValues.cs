using System.Collections;
using System.Text;
using System.Text.Json;
using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's <c>templateProperties</c> (<c>map[string]api.ToolProperty</c>): ranges in sorted key order and
/// prints as JSON with sorted keys (<c>{}</c> when absent). With <c>Ordered</c> it is a nested
/// <c>*api.ToolPropertiesMap</c> instead, whose JSON keeps the request's key order.</summary>
internal sealed class PropertiesValue : IReadOnlyDictionary<string, object?>, IGoStringer, IGoJsonMarshaler
{
    private const int MaxDepth = 32;
    private readonly Dictionary<string, object?> _map = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, object?>> _order = [];
    private readonly bool _nil, _ordered;

    private PropertiesValue(bool nil, bool ordered)
    {
        _nil = nil;
        _ordered = ordered;
    }

    public static PropertiesValue Nil { get; } = new(true, false);

    public static PropertiesValue From(JsonElement obj, int depth, bool ordered = false)
    {
        var p = new PropertiesValue(false, ordered);
        if (depth > MaxDepth) return p;
        foreach (var prop in obj.EnumerateObject())
        {
            if (prop.Value.ValueKind != JsonValueKind.Object) continue;
            var value = PropertyValue.From(prop.Value, depth + 1);
            if (p._map.TryAdd(prop.Name, value)) p._order.Add(new(prop.Name, value));
        }
        return p;
    }

    public object? this[string key] => _map[key];
    public IEnumerable<string> Keys => _map.Keys;
    public IEnumerable<object?> Values => _map.Values;
    public int Count => _map.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out object? value) => _map.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _map.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string GoString() => _nil ? "{}" : MarshalGoJson();

    public string MarshalGoJson()
    {
        if (_nil) return "null";
        if (!_ordered) return GoFormat.Json(_map) ?? "null";
        var sb = new StringBuilder("{");
        foreach (var kv in _order)
        {
            if (sb.Length > 1) sb.Append(',');
            sb.Append(GoFormat.Json(kv.Key)).Append(':').Append(GoFormat.Json(kv.Value));
        }
        return sb.Append('}').ToString();
    }
}

/// <summary>Ollama's <c>api.ToolProperty</c>: <c>AnyOf</c>, <c>Type</c>, <c>Items</c>, <c>Description</c>, <c>Enum</c>,
/// <c>Properties</c>, <c>Required</c>. Prints as a Go struct; marshals with its JSON tags.</summary>
internal sealed class PropertyValue : GoStructValue, IGoJsonMarshaler
{
    private static readonly string[] Names = ["AnyOf", "Type", "Items", "Description", "Enum", "Properties", "Required"];
    private IReadOnlyList<object?> _enum = [], _required = [];
    private List<object?> _anyOf = [];
    private PropertyTypeValue _type = PropertyTypeValue.Empty;
    private object? _items;
    private string _description = "";
    private PropertiesValue? _properties;

    public static PropertyValue From(JsonElement e, int depth)
    {
        var p = new PropertyValue
        {
            _type = PropertyTypeValue.From(e),
            _items = JsonValues.Any(e, "items"),
            _description = JsonValues.String(e, "description"),
            _required = JsonValues.Strings(e, "required"),
        };
        if (e.TryGetProperty("enum", out var en) && en.ValueKind == JsonValueKind.Array)
            p._enum = (IReadOnlyList<object?>)JsonValues.ToGo(en)!;
        if (e.TryGetProperty("anyOf", out var any) && any.ValueKind == JsonValueKind.Array && depth < 32)
        {
            var list = new List<object?>();
            foreach (var a in any.EnumerateArray())
            {
                if (a.ValueKind == JsonValueKind.Object) list.Add(From(a, depth + 1));
            }
            p._anyOf = list;
        }
        if (e.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            p._properties = PropertiesValue.From(props, depth, ordered: true);
        return p;
    }

    public override string GoTypeName => "api.ToolProperty";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "AnyOf" => _anyOf, "Type" => _type, "Items" => _items, "Description" => _description, "Enum" => _enum,
            "Properties" => _properties, "Required" => _required, _ => null,
        };
        return Array.IndexOf(Names, name) >= 0;
    }

    public string MarshalGoJson() => new GoJsonObject()
        .FieldIf(_anyOf.Count > 0, "anyOf", _anyOf).FieldIf(_type.Count > 0, "type", _type)
        .FieldIf(_items != null, "items", _items).FieldIf(_description.Length > 0, "description", _description)
        .FieldIf(_enum.Count > 0, "enum", _enum).FieldIf(_properties != null, "properties", _properties)
        .FieldIf(_required.Count > 0, "required", _required).ToString();
}

/// <summary>Ollama's <c>api.PropertyType</c> (<c>[]string</c>): prints the single type, or <c>[a b]</c>; marshals as a
/// string when single, else an array.</summary>
internal sealed class PropertyTypeValue(IReadOnlyList<object?> types) : IReadOnlyList<object?>, IGoStringer, IGoJsonMarshaler
{
    public static PropertyTypeValue Empty { get; } = new([]);

    public static PropertyTypeValue From(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var t)) return Empty;
        if (t.ValueKind == JsonValueKind.String) return new([t.GetString()]);
        return t.ValueKind == JsonValueKind.Array ? new(JsonValues.Strings(property, "type")) : Empty;
    }

    public int Count => types.Count;
    public object? this[int index] => types[index];
    public IEnumerator<object?> GetEnumerator() => types.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string GoString() => types.Count switch
    {
        0 => "",
        1 => (string?)types[0] ?? "",
        _ => "[" + string.Join(' ', types) + "]",
    };

    public string MarshalGoJson() => GoFormat.Json(types.Count == 1 ? types[0] : types) ?? "null";
}
