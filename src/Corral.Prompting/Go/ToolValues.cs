using System.Collections;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's <c>templateTools</c>: the tool list, printing as JSON (<c>null</c> when the request has none).</summary>
internal sealed class ToolsValue(IReadOnlyList<object?>? tools) : IReadOnlyList<object?>, IGoStringer, IGoJsonMarshaler
{
    private readonly IReadOnlyList<object?> _items = tools ?? [];
    private string? _json;

    public static ToolsValue From(IReadOnlyList<Tool>? tools)
    {
        if (tools == null) return new ToolsValue(null);
        var list = new object?[tools.Count];
        for (int i = 0; i < list.Length; i++) list[i] = new ToolValue(tools[i]);
        return new ToolsValue(list);
    }

    public int Count => _items.Count;
    public object? this[int index] => _items[index];
    public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public string GoString() => MarshalGoJson();
    public string MarshalGoJson() => _json ??= tools == null ? "null" : GoFormat.Json(_items) ?? "null";
}

/// <summary>Ollama's <c>templateTool</c> (<c>Type</c>, <c>Items</c>, <c>Function</c>), printing as JSON.</summary>
internal sealed class ToolValue(Tool tool) : GoStructValue, IGoStringer, IGoJsonMarshaler
{
    private static readonly string[] Names = ["Type", "Items", "Function"];
    private readonly ToolFunctionValue _function = new(tool.Function ?? new ToolFunction());

    public override string GoTypeName => "template.templateTool";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch { "Type" => tool.Type ?? "", "Function" => _function, _ => null };
        return name is "Type" or "Items" or "Function";
    }

    public string GoString() => MarshalGoJson();

    public string MarshalGoJson() => new GoJsonObject().Field("type", tool.Type ?? "").Field("function", _function).ToString();
}

/// <summary>Ollama's <c>templateToolFunction</c> (<c>Name</c>, <c>Description</c>, <c>Parameters</c>). Prints as JSON
/// (Ollama prints Go struct syntax here; see ollama/ollama#18391).</summary>
internal sealed class ToolFunctionValue(ToolFunction function) : GoStructValue, IGoStringer, IGoJsonMarshaler
{
    private static readonly string[] Names = ["Name", "Description", "Parameters"];
    private readonly ParametersValue _parameters = ParametersValue.From(function.Parameters);

    public override string GoTypeName => "template.templateToolFunction";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Name" => function.Name ?? "",
            "Description" => function.Description ?? "",
            "Parameters" => _parameters,
            _ => null,
        };
        return value != null;
    }

    public string GoString() => MarshalGoJson();

    public string MarshalGoJson() => new GoJsonObject()
        .Field("name", function.Name ?? "").Field("description", function.Description ?? "").Field("parameters", _parameters).ToString();
}

/// <summary>Ollama's <c>templateToolFunctionParameters</c> (<c>Type</c>, <c>Defs</c>, <c>Items</c>, <c>Required</c>,
/// <c>Properties</c>); unknown schema keywords are dropped, as Go's decoding drops them. Prints as JSON.</summary>
internal sealed class ParametersValue : GoStructValue, IGoStringer, IGoJsonMarshaler
{
    private static readonly string[] Names = ["Type", "Defs", "Items", "Required", "Properties"];
    private string _type = "";
    private object? _defs, _items;
    private IReadOnlyList<object?> _required = [];
    private PropertiesValue _properties = PropertiesValue.Nil;

    public static ParametersValue From(JsonElement? json)
    {
        var p = new ParametersValue();
        if (json is not { ValueKind: JsonValueKind.Object } e) return p;
        p._type = JsonValues.String(e, "type");
        p._defs = JsonValues.Any(e, "$defs");
        p._items = JsonValues.Any(e, "items");
        p._required = JsonValues.Strings(e, "required");
        if (e.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            p._properties = PropertiesValue.From(props, 0);
        return p;
    }

    public override string GoTypeName => "template.templateToolFunctionParameters";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Type" => _type, "Defs" => _defs, "Items" => _items, "Required" => _required, "Properties" => _properties,
            _ => null,
        };
        return name is "Type" or "Defs" or "Items" or "Required" or "Properties";
    }

    public string GoString() => MarshalGoJson();

    public string MarshalGoJson() => new GoJsonObject()
        .Field("type", _type).FieldIf(_defs != null, "$defs", _defs).FieldIf(_items != null, "items", _items)
        .FieldIf(_required.Count > 0, "required", _required).Field("properties", _properties).ToString();
}
