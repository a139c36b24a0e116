using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>What <c>tool_choice</c> asks for: whether the tools reach the model, and whether (and which) call is required.</summary>
internal sealed record ToolChoiceDecision(bool OffersTools, RequiredToolCall? Required)
{
    public static ToolChoiceDecision Auto { get; } = new(true, null);
}

/// <summary><c>tool_choice</c> as Chat Completions and Responses both send it: <c>auto</c> (or absent) offers the
/// tools, <c>none</c> withholds them, <c>required</c> or a named function (<c>{"type":"function","function":{"name"}}</c>
/// in Chat Completions, <c>{"type":"function","name"}</c> in Responses) makes a call mandatory, enforced by grammar.</summary>
internal static class ToolChoice
{
    public static ToolChoiceDecision Read(JsonElement? choice, IReadOnlyCollection<string> toolNames, bool hasFormat, string formatParam, ParamPolicy policy)
    {
        var decision = Parse(choice, policy);
        if (decision.Required is not { } required)
        {
            return decision;
        }

        if (toolNames.Count == 0)
        {
            throw new ProtocolException("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
        }

        if (required.Name is { } name && !toolNames.Contains(name))
        {
            throw new ProtocolException($"Invalid value for 'tool_choice': function '{name}' is not among the request's tools.", "tool_choice");
        }

        if (hasFormat)
        {
            throw new ProtocolException(
                $"tool_choice and {formatParam} cannot be combined: a required tool call already constrains the answer", "tool_choice");
        }

        return decision;
    }

    private static ToolChoiceDecision Parse(JsonElement? choice, ParamPolicy policy)
    {
        if (choice is null or { ValueKind: JsonValueKind.Null })
        {
            return ToolChoiceDecision.Auto;
        }

        var c = choice.Value;
        if (c.ValueKind == JsonValueKind.String)
        {
            return c.GetString() switch
            {
                "auto" => ToolChoiceDecision.Auto,
                "none" => new ToolChoiceDecision(false, null),
                "required" => new ToolChoiceDecision(true, new RequiredToolCall()),
                var other => throw new ProtocolException(
                    $"Invalid value for 'tool_choice': '{other}' (use none, auto, required or a function)", "tool_choice"),
            };
        }

        if (c.ValueKind != JsonValueKind.Object)
        {
            throw new ProtocolException("Invalid type for 'tool_choice': expected a string or an object", "tool_choice");
        }

        string? type = Str(c, "type");
        if (type != "function")
        {
            policy.Unsupported("tool_choice", $"tool_choice type '{type}' is not supported (use none, auto, required or a function)");
            return ToolChoiceDecision.Auto;
        }

        string? name = c.TryGetProperty("function", out var fn) && fn.ValueKind == JsonValueKind.Object ? Str(fn, "name") : Str(c, "name");
        return string.IsNullOrEmpty(name)
            ? throw new ProtocolException("Missing required parameter: 'tool_choice.function.name'.", "tool_choice")
            : new ToolChoiceDecision(true, new RequiredToolCall { Name = name });
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
