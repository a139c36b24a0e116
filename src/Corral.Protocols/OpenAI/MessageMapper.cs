using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>OpenAI chat messages → native messages: content strings or parts, data-URL images, tool calls with
/// JSON-string arguments, tool results resolved to the tool's name through <c>tool_call_id</c>.</summary>
public static class MessageMapper
{
    public static Message[] Map(IReadOnlyList<ChatMessage> messages)
    {
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new Message[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var where = $"messages[{i}]";
            var role = m.Role switch
            {
                "developer" => "system",
                "system" or "user" or "assistant" or "tool" => m.Role,
                _ => throw new ProtocolException($"invalid role '{m.Role}' (use system, developer, user, assistant or tool)", where + ".role"),
            };
            var (text, images) = ContentOf(m.Content, where + ".content");
            var calls = m.ToolCalls is { Length: > 0 } requested && role == "assistant" ? ToolCalls(requested, where, callNames) : null;
            string? toolName = null;
            if (role == "tool")
            {
                toolName = m.Name ?? (m.ToolCallId is { } id && callNames.TryGetValue(id, out var name) ? name : null);
            }

            result[i] = new Message
            {
                Role = role,
                Content = text,
                Thinking = role == "assistant" ? m.ReasoningContent ?? m.Reasoning : null,
                Images = images,
                ToolCalls = calls,
                ToolName = toolName,
                ToolCallId = role == "tool" ? m.ToolCallId : null,
            };
        }

        return result;
    }

    private static ToolCall[] ToolCalls(RequestToolCall[] calls, string where, Dictionary<string, string> names) =>
        calls.Select((call, j) =>
        {
            var at = $"{where}.tool_calls[{j}].function";
            Sampling.Require(!string.IsNullOrEmpty(call.Function.Name), at + ".name", "tool call function name is required");
            if (call.Id is { } id)
            {
                names[id] = call.Function.Name;
            }

            return new ToolCall
            {
                Id = call.Id,
                Function = new ToolCallFunction { Index = j, Name = call.Function.Name, Arguments = Arguments(call.Function.Arguments, at + ".arguments") },
            };
        }).ToArray();

    /// <summary>A JSON string holding an object (OpenAI's form), an object, or nothing (no arguments).</summary>
    private static JsonElement Arguments(JsonElement? arguments, string param)
    {
        switch (arguments)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return Json.Parse("{}");
            case { ValueKind: JsonValueKind.Object } obj:
                return obj;
            case { ValueKind: JsonValueKind.String } s:
                var text = s.GetString()!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    return Json.Parse("{}");
                }

                try
                {
                    var parsed = Json.Parse(text);
                    Sampling.Require(parsed.ValueKind == JsonValueKind.Object, param, "tool call arguments must be a JSON object");
                    return parsed;
                }
                catch (JsonException)
                {
                    throw new ProtocolException("tool call arguments are not valid JSON", param);
                }

            default:
                throw new ProtocolException("tool call arguments must be a JSON string", param);
        }
    }

    private static (string Text, string[]? Images) ContentOf(JsonElement? content, string param)
    {
        switch (content)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return ("", null);
            case { ValueKind: JsonValueKind.String } s:
                return (s.GetString()!, null);
            case { ValueKind: JsonValueKind.Array } parts:
                var text = new StringBuilder();
                List<string>? images = null;
                var k = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    var at = $"{param}[{k++}]";
                    var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
                    switch (type)
                    {
                        case "text" when part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String:
                            text.Append(value.GetString());
                            break;
                        case "image_url":
                            (images ??= []).Add(ImageData(part, at));
                            break;
                        default:
                            throw new ProtocolException($"unsupported content part type '{type}' (use text or image_url)", at + ".type");
                    }
                }

                return (text.ToString(), images?.ToArray());
            default:
                throw new ProtocolException("content must be a string or an array of content parts", param);
        }
    }

    /// <summary>The base64 payload of a <c>data:</c> URL; remote URLs are refused (the server fetches nothing).</summary>
    private static string ImageData(JsonElement part, string param)
    {
        var url = part.TryGetProperty("image_url", out var image) ? image.ValueKind switch
        {
            JsonValueKind.Object when image.TryGetProperty("url", out var u) => u.GetString(),
            JsonValueKind.String => image.GetString(),
            _ => null,
        } : null;
        const string marker = ";base64,";
        var cut = url?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (url is null || !url.StartsWith("data:", StringComparison.Ordinal) || cut < 0)
        {
            throw new ProtocolException("image_url must be a base64 data URL (data:image/png;base64,...); remote image URLs are not fetched", param + ".image_url.url");
        }

        return url[(cut + marker.Length)..];
    }
}
