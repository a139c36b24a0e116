using System.Text.Json;

namespace Corral.Templating.Go.Tests;

/// <summary>A struct with declared fields; JSON uses the tags (omitting fields whose tag is null or omitted-empty).</summary>
public class GoStruct : IGoStruct, IGoJsonMarshaler
{
    private readonly (string Name, string? Tag, bool OmitEmpty, object? Value)[] _fields;

    public GoStruct(string typeName, params (string Name, string? Tag, bool OmitEmpty, object? Value)[] fields)
    {
        GoTypeName = typeName;
        _fields = fields;
        FieldNames = fields.Select(f => f.Name).ToArray();
    }

    public string GoTypeName { get; }

    public IReadOnlyList<string> FieldNames { get; }

    public bool TryGetField(string name, out object? value)
    {
        foreach (var f in _fields)
        {
            if (f.Name == name)
            {
                value = f.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public string MarshalGoJson()
    {
        var tagged = _fields.Where(f => f.Tag != null && !(f.OmitEmpty && IsEmpty(f.Value)))
            .Select(f => (f.Tag!, (string?)null, false, f.Value)).ToArray();
        return GoFormat.Json(new PlainStruct(tagged.Select(t => t.Item1).ToArray(), tagged.Select(t => t.Value).ToArray()))!;
    }

    private static bool IsEmpty(object? v) => v switch
    {
        null => true,
        string s => s.Length == 0,
        System.Collections.ICollection c => c.Count == 0,
        long l => l == 0,
        _ => false,
    };

    private sealed class PlainStruct(string[] names, object?[] values) : IGoStruct
    {
        public string GoTypeName => "struct";
        public IReadOnlyList<string> FieldNames => names;
        public bool TryGetField(string name, out object? value)
        {
            int i = Array.IndexOf(names, name);
            value = i >= 0 ? values[i] : null;
            return i >= 0;
        }
    }
}

/// <summary>A struct whose String() is its JSON (Ollama's Tool, ToolFunction).</summary>
public sealed class JsonStringerStruct(string typeName, params (string Name, string? Tag, bool OmitEmpty, object? Value)[] fields)
    : GoStruct(typeName, fields), IGoStringer
{
    public string GoString() => MarshalGoJson();
}

/// <summary>Ollama's ToolCallFunctionArguments: a map that prints as JSON.</summary>
public sealed class JsonMap : Dictionary<string, object?>, IGoStringer
{
    public JsonMap() : base(StringComparer.Ordinal) { }

    public string GoString() => GoFormat.Json(this)!;
}

/// <summary>Ollama's api.Tools: a slice that prints as JSON.</summary>
public sealed class JsonList : List<object?>, IGoStringer, IGoJsonMarshaler
{
    public bool IsNil { get; init; }

    public string GoString() => MarshalGoJson();

    public string MarshalGoJson() => IsNil ? "null" : GoFormat.Json(new List<object?>(this))!;
}

/// <summary>Builds Ollama-like template data from the chat JSON of the goldens (mirrors tools/goldens/go/chat.go).</summary>
public static class ChatModel
{
    public static object Build(JsonElement? data)
    {
        var d = data!.Value;
        var messages = new List<object?>();
        foreach (var m in d.GetProperty("messages").EnumerateArray()) messages.Add(Message(m));
        var tools = new JsonList { IsNil = !d.TryGetProperty("tools", out var ts) || ts.ValueKind == JsonValueKind.Null };
        if (!tools.IsNil)
        {
            foreach (var t in ts.EnumerateArray()) tools.Add(Tool(t));
        }
        return new Dictionary<string, object?>
        {
            ["System"] = Str(d, "system"),
            ["Messages"] = messages,
            ["Tools"] = tools,
            ["Response"] = "",
        };
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static GoStruct Message(JsonElement m)
    {
        var calls = new List<object?>();
        if (m.TryGetProperty("tool_calls", out var tc))
        {
            foreach (var c in tc.EnumerateArray())
            {
                var f = c.GetProperty("function");
                var args = new JsonMap();
                foreach (var p in f.GetProperty("arguments").EnumerateObject()) args[p.Name] = GoldenData.Convert(p.Value, floatNumbers: true);
                var fn = new GoStruct("api.ToolCallFunction", ("Index", "index", false, f.TryGetProperty("index", out var ix) ? ix.GetInt64() : 0L),
                    ("Name", "name", false, Str(f, "name")), ("Arguments", "arguments", false, args));
                calls.Add(new GoStruct("api.ToolCall", ("ID", "id", true, Str(c, "id")), ("Function", "function", false, fn)));
            }
        }
        return new GoStruct("api.Message", ("Role", "role", false, Str(m, "role")), ("Content", "content", false, Str(m, "content")),
            ("Thinking", "thinking", true, Str(m, "thinking")), ("ToolCalls", "tool_calls", true, calls),
            ("ToolName", "tool_name", true, Str(m, "tool_name")), ("ToolCallID", "tool_call_id", true, Str(m, "tool_call_id")));
    }

    private static JsonStringerStruct Tool(JsonElement t)
    {
        var f = t.GetProperty("function");
        var p = f.GetProperty("parameters");
        var props = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pr in p.GetProperty("properties").EnumerateObject())
        {
            List<object?>? enumValues = null;
            if (pr.Value.TryGetProperty("enum", out var en)) enumValues = (List<object?>)GoldenData.Convert(en, floatNumbers: true)!;
            props[pr.Name] = new GoStruct("api.ToolProperty", ("Type", "type", false, Str(pr.Value, "type")),
                ("Description", "description", false, Str(pr.Value, "description")), ("Enum", "enum", true, enumValues));
        }
        var required = p.GetProperty("required").EnumerateArray().Select(x => (object?)x.GetString()).ToList();
        var parameters = new GoStruct("api.ToolFunctionParameters", ("Type", "type", false, Str(p, "type")),
            ("Required", "required", false, required), ("Properties", "properties", false, props));
        var fn = new JsonStringerStruct("api.ToolFunction", ("Name", "name", false, Str(f, "name")),
            ("Description", "description", false, Str(f, "description")), ("Parameters", "parameters", false, parameters));
        return new JsonStringerStruct("api.Tool", ("Type", "type", false, Str(t, "type")), ("Function", "function", false, fn));
    }
}
