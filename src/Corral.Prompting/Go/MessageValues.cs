using System.Collections;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's <c>*templateMessage</c>: <c>Role</c>, <c>Content</c>, <c>Thinking</c>, <c>Images</c>,
/// <c>ToolCalls</c>, <c>ToolName</c>, <c>ToolCallID</c>. <see cref="Content"/> holds the collated (merged) text.</summary>
internal sealed class MessageValue(Message message, string content) : GoStructValue, IGoStringer, IGoJsonMarshaler
{
    private static readonly string[] Names = ["Role", "Content", "Thinking", "Images", "ToolCalls", "ToolName", "ToolCallID"];
    private IReadOnlyList<object?>? _toolCalls;

    public string Role => message.Role ?? "";

    public string Content { get; set; } = content;

    public override string GoTypeName => "*template.templateMessage";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Role" => Role,
            "Content" => Content,
            "Thinking" => message.Thinking ?? "",
            "Images" => (IReadOnlyList<object?>?)message.Images ?? [],
            "ToolCalls" => ToolCalls,
            "ToolName" => message.ToolName ?? "",
            "ToolCallID" => message.ToolCallId ?? "",
            _ => null,
        };
        return value != null;
    }

    private IReadOnlyList<object?> ToolCalls => _toolCalls ??= ToolCallValue.List(message.ToolCalls);

    /// <summary>Go prints a pointer to a struct as <c>&amp;{...}</c>.</summary>
    public string GoString() => "&" + GoFormat.Sprint(new Fields(this));

    public string MarshalGoJson() => GoFormat.Json(new Fields(this)) ?? "null";

    /// <summary>The struct itself (what the pointer points at), for printing.</summary>
    private sealed class Fields(MessageValue m) : GoStructValue
    {
        public override string GoTypeName => "template.templateMessage";
        public override IReadOnlyList<string> FieldNames => Names;

        public override bool TryGetField(string name, out object? value)
        {
            if (name is "Images" or "ToolCalls" && m.TryGetField(name, out value))
            {
                if (value is IReadOnlyList<object?> { Count: 0 }) value = NilSlice.Instance;
                return true;
            }
            return m.TryGetField(name, out value);
        }
    }
}

/// <summary>A nil Go slice: prints <c>[]</c>, marshals as <c>null</c>.</summary>
internal sealed class NilSlice : IReadOnlyList<object?>, IGoJsonMarshaler
{
    public static NilSlice Instance { get; } = new();
    public int Count => 0;
    public object? this[int index] => throw new ArgumentOutOfRangeException(nameof(index));
    public IEnumerator<object?> GetEnumerator() { yield break; }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public string MarshalGoJson() => "null";
}

/// <summary>Ollama's <c>templateToolCall</c> (<c>ID</c>, <c>Function</c>).</summary>
internal sealed class ToolCallValue(ToolCall call) : GoStructValue
{
    private static readonly string[] Names = ["ID", "Function"];
    private readonly ToolCallFunctionValue _function = new(call.Function ?? new ToolCallFunction());

    public static IReadOnlyList<object?> List(ToolCall[]? calls)
    {
        if (calls == null || calls.Length == 0) return [];
        var list = new object?[calls.Length];
        for (int i = 0; i < list.Length; i++) list[i] = new ToolCallValue(calls[i] ?? new ToolCall());
        return list;
    }

    public override string GoTypeName => "template.templateToolCall";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch { "ID" => call.Id ?? "", "Function" => _function, _ => null };
        return value != null;
    }
}

/// <summary>Ollama's <c>templateToolCallFunction</c> (<c>Index</c>, <c>Name</c>, <c>Arguments</c>).</summary>
internal sealed class ToolCallFunctionValue(ToolCallFunction function) : GoStructValue
{
    private static readonly string[] Names = ["Index", "Name", "Arguments"];
    private ArgumentsValue? _arguments;

    public override string GoTypeName => "template.templateToolCallFunction";
    public override IReadOnlyList<string> FieldNames => Names;

    public override bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Index" => function.Index ?? 0,
            "Name" => function.Name ?? "",
            "Arguments" => _arguments ??= ArgumentsValue.From(function.Arguments),
            _ => null,
        };
        return value != null;
    }
}

/// <summary>Ollama's <c>templateArgs</c> (<c>map[string]any</c>): ranges in sorted key order and prints as JSON with
/// sorted keys (<c>{}</c> when absent), as Ollama's templates see tool-call arguments.</summary>
internal sealed class ArgumentsValue : IReadOnlyDictionary<string, object?>, IGoStringer, IGoJsonMarshaler
{
    private static readonly Dictionary<string, object?> Empty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _map;
    private readonly bool _nil;

    private ArgumentsValue(Dictionary<string, object?> map, bool nil)
    {
        _map = map;
        _nil = nil;
    }

    public static ArgumentsValue From(JsonElement? json) => json is { ValueKind: JsonValueKind.Object } e
        ? new ArgumentsValue(JsonValues.ToMap(e), false)
        : new ArgumentsValue(Empty, true);

    public object? this[string key] => _map[key];
    public IEnumerable<string> Keys => _map.Keys;
    public IEnumerable<object?> Values => _map.Values;
    public int Count => _map.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out object? value) => _map.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _map.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public string GoString() => _nil ? "{}" : GoFormat.Json(_map) ?? "{}";
    public string MarshalGoJson() => _nil ? "null" : GoFormat.Json(_map) ?? "null";
}
