using System.Text.Json;
using Corral.Api.Models;
using Corral.Templating.Jinja;

namespace Corral.Prompting.Jinja;

/// <summary>
/// Native messages as the OpenAI-style dicts chat templates expect (what transformers receives and llama.cpp
/// builds): <c>role</c>, <c>content</c>, then <c>reasoning_content</c> (from Thinking), <c>tool_calls</c>
/// (<c>{id?, type: "function", function: {name, arguments: object}}</c>), <c>tool_call_id</c> and <c>name</c>
/// (from ToolName), each only when present.
/// </summary>
internal static class HfMessageMapper
{
    public static List<object?> Map(IReadOnlyList<Message> messages, HfTemplateTraits traits)
    {
        var list = new List<object?>(messages.Count);
        foreach (var message in messages)
        {
            list.Add(MapOne(message, traits));
        }

        return list;
    }

    public static OrderedDictionary<string, object?> EmptyObject() => new(0, StringComparer.Ordinal);

    private static OrderedDictionary<string, object?> MapOne(Message message, HfTemplateTraits traits)
    {
        var hasThinking = !string.IsNullOrEmpty(message.Thinking);
        var hasCalls = message.ToolCalls is { Length: > 0 };
        var d = new OrderedDictionary<string, object?>(4, StringComparer.Ordinal)
        {
            ["role"] = message.Role,
            ["content"] = message.Content ?? "",
        };
        if (hasThinking)
        {
            d["reasoning_content"] = message.Thinking;
        }

        if (hasCalls)
        {
            d["tool_calls"] = MapCalls(message.ToolCalls!);
            if (hasThinking && traits.CopyThinkingForToolCalls)
            {
                d["thinking"] = message.Thinking;
            }
        }

        if (!string.IsNullOrEmpty(message.ToolCallId))
        {
            d["tool_call_id"] = message.ToolCallId;
        }

        if (!string.IsNullOrEmpty(message.ToolName))
        {
            d["name"] = message.ToolName;
        }

        return d;
    }

    private static List<object?> MapCalls(ToolCall[] calls)
    {
        var list = new List<object?>(calls.Length);
        foreach (var call in calls)
        {
            var function = new OrderedDictionary<string, object?>(2, StringComparer.Ordinal)
            {
                ["name"] = call.Function.Name,
                ["arguments"] = Arguments(call.Function.Arguments),
            };
            var d = new OrderedDictionary<string, object?>(3, StringComparer.Ordinal);
            if (!string.IsNullOrEmpty(call.Id))
            {
                d["id"] = call.Id;
            }

            d["type"] = "function";
            d["function"] = function;
            list.Add(d);
        }

        return list;
    }

    /// <summary>Arguments as an object, as transformers expects; a JSON string holding an object is parsed
    /// (llama.cpp's func_args_not_string), anything else passes as is, a missing value is <c>{}</c>.</summary>
    private static object? Arguments(JsonElement? arguments)
    {
        if (arguments is not { } args || args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return EmptyObject();
        }

        if (args.ValueKind == JsonValueKind.String && args.GetString() is { } text && text.TrimStart().StartsWith('{'))
        {
            try
            {
                return JinjaValue.ParseJson(text);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return JinjaValue.FromJson(args);
    }
}
