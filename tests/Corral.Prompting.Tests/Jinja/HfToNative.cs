using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>
/// Converts a transformers-style context (as the jinja2 goldens were rendered with) into the native API's
/// <see cref="PromptInput"/>, or says why it cannot be expressed with native DTOs.
/// </summary>
internal static class HfToNative
{
    private static readonly HashSet<string> MessageKeys = new(StringComparer.Ordinal)
    {
        "role", "content", "reasoning_content", "tool_calls", "tool_call_id", "name",
    };

    private static readonly HashSet<string> ContextKeys = new(StringComparer.Ordinal)
    {
        "messages", "tools", "documents", "add_generation_prompt", "bos_token", "eos_token",
    };

    /// <summary>The native input, or null with <paramref name="reason"/> set.</summary>
    public static PromptInput? Convert(JsonElement context, out string? reason)
    {
        reason = null;
        var messages = new List<Message>();
        foreach (var m in context.GetProperty("messages").EnumerateArray())
        {
            if (ConvertMessage(m, out reason) is not { } message)
            {
                return null;
            }

            messages.Add(message);
        }

        var tools = context.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(ConvertTool).ToList()
            : null;
        if (context.TryGetProperty("documents", out var docs) && docs.ValueKind != JsonValueKind.Null)
        {
            reason = "documents are not a native field";
            return null;
        }

        // Anything else in the context travels as an extra variable, exactly as given.
        var variables = context.EnumerateObject().Where(p => !ContextKeys.Contains(p.Name))
            .ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        return new PromptInput
        {
            Messages = messages,
            Tools = tools,
            AddGenerationPrompt = context.TryGetProperty("add_generation_prompt", out var agp) && agp.GetBoolean(),
            Tokens = new SpecialTokens(Str(context, "bos_token") ?? "", Str(context, "eos_token") ?? ""),
            Variables = variables.Count == 0 ? null : variables,
        };
    }

    private static Message? ConvertMessage(JsonElement m, out string? reason)
    {
        reason = m.EnumerateObject().Select(p => p.Name).FirstOrDefault(k => !MessageKeys.Contains(k)) is { } extra
            ? $"message key '{extra}' has no native field"
            : m.TryGetProperty("content", out var c) && c.ValueKind != JsonValueKind.String
                ? "non-string content (null or content parts) has no native form"
                : null;
        if (reason is not null)
        {
            return null;
        }

        return new Message
        {
            Role = Str(m, "role") ?? "",
            Content = Str(m, "content") ?? "",
            Thinking = Str(m, "reasoning_content"),
            ToolCallId = Str(m, "tool_call_id"),
            ToolName = Str(m, "name"),
            ToolCalls = m.TryGetProperty("tool_calls", out var calls)
                ? calls.EnumerateArray().Select(ConvertCall).ToArray()
                : null,
        };
    }

    private static ToolCall ConvertCall(JsonElement call)
    {
        var f = call.GetProperty("function");
        return new ToolCall
        {
            Id = Str(call, "id"),
            Function = new ToolCallFunction { Name = Str(f, "name") ?? "", Arguments = f.GetProperty("arguments").Clone() },
        };
    }

    private static Tool ConvertTool(JsonElement tool)
    {
        var f = tool.GetProperty("function");
        return new Tool
        {
            Type = Str(tool, "type") ?? "function",
            Function = new ToolFunction
            {
                Name = Str(f, "name") ?? "",
                Description = Str(f, "description"),
                Parameters = f.TryGetProperty("parameters", out var p) ? p.Clone() : null,
            },
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
