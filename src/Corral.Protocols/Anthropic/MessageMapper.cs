using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// Maps Anthropic turns onto native messages. User turns: <c>text</c> and base64 <c>image</c> blocks form user
/// messages, each <c>tool_result</c> becomes a <c>tool</c> message (order kept). Assistant turns: <c>text</c>,
/// <c>thinking</c> and <c>tool_use</c> become one assistant message. A <c>system</c> role inside
/// <c>messages</c> is accepted as a system message (Claude Code sends one).
/// </summary>
internal static class MessageMapper
{
    public static string? SystemText(JsonElement? system)
    {
        if (system is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : TextOf(Blocks(value, "system"), "system");
    }

    public static IEnumerable<Message> Map(InputMessage[] messages)
    {
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Length; i++)
        {
            var where = $"messages.{i}";
            var role = messages[i].Role;
            var content = messages[i].Content;
            if (content is not { } c || c.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                throw new ProtocolException($"{where}.content: Field required", $"{where}.content");
            }

            var mapped = role switch
            {
                "user" => User(c, where, toolNames),
                "assistant" => [Assistant(c, where, toolNames)],
                "system" => [new Message { Role = "system", Content = c.ValueKind == JsonValueKind.String ? c.GetString()! : TextOf(Blocks(c, where), where) }],
                _ => throw new ProtocolException($"{where}.role: must be 'user' or 'assistant', not '{role}'", $"{where}.role"),
            };
            foreach (var message in mapped)
            {
                yield return message;
            }
        }
    }

    private static List<Message> User(JsonElement content, string where, Dictionary<string, string> toolNames)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return [new Message { Role = "user", Content = content.GetString()! }];
        }

        var result = new List<Message>();
        var text = new StringBuilder();
        var images = new List<string>();
        var blocks = Blocks(content, where);
        for (var j = 0; j < blocks.Length; j++)
        {
            var block = blocks[j];
            var at = $"{where}.content.{j}";
            switch (block.Type)
            {
                case "text":
                    Append(text, block.Text);
                    break;
                case "image":
                    images.Add(Image(block, at));
                    break;
                case "tool_result":
                    Flush(result, text, images);
                    result.Add(ToolResult(block, at, toolNames));
                    break;
                default:
                    throw Unsupported(block.Type, at);
            }
        }

        Flush(result, text, images);
        return result;
    }

    private static Message Assistant(JsonElement content, string where, Dictionary<string, string> toolNames)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return new Message { Role = "assistant", Content = content.GetString()! };
        }

        var text = new StringBuilder();
        StringBuilder? thinking = null;
        List<ToolCall>? calls = null;
        var blocks = Blocks(content, where);
        for (var j = 0; j < blocks.Length; j++)
        {
            var block = blocks[j];
            switch (block.Type)
            {
                case "text":
                    Append(text, block.Text);
                    break;
                case "thinking":
                    Append(thinking ??= new StringBuilder(), block.Thinking);
                    break;
                case "redacted_thinking":
                    break;
                case "tool_use":
                    var name = block.Name ?? throw new ProtocolException($"{where}.content.{j}.name: Field required", $"{where}.content.{j}.name");
                    if (block.Id is { } id)
                    {
                        toolNames[id] = name;
                    }

                    (calls ??= []).Add(new ToolCall
                    {
                        Id = block.Id,
                        Function = new ToolCallFunction { Index = calls.Count, Name = name, Arguments = block.Input ?? JsonValues.EmptyObject() },
                    });
                    break;
                default:
                    throw Unsupported(block.Type, $"{where}.content.{j}");
            }
        }

        return new Message { Role = "assistant", Content = text.ToString(), Thinking = thinking?.ToString(), ToolCalls = calls?.ToArray() };
    }

    private static Message ToolResult(InputBlock block, string at, Dictionary<string, string> toolNames)
    {
        var id = block.ToolUseId ?? throw new ProtocolException($"{at}.tool_use_id: Field required", $"{at}.tool_use_id");
        string text;
        var images = new List<string>();
        if (block.Content is not { } content || content.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            text = "";
        }
        else if (content.ValueKind == JsonValueKind.String)
        {
            text = content.GetString()!;
        }
        else
        {
            var inner = Blocks(content, at);
            var builder = new StringBuilder();
            for (var k = 0; k < inner.Length; k++)
            {
                switch (inner[k].Type)
                {
                    case "text":
                        Append(builder, inner[k].Text);
                        break;
                    case "image":
                        images.Add(Image(inner[k], $"{at}.content.{k}"));
                        break;
                    default:
                        throw Unsupported(inner[k].Type, $"{at}.content.{k}");
                }
            }

            text = builder.ToString();
        }

        return new Message
        {
            Role = "tool",
            Content = block.IsError == true ? "Error: " + text : text,
            ToolCallId = id,
            ToolName = toolNames.GetValueOrDefault(id),
            Images = images.Count > 0 ? [.. images] : null,
        };
    }

    private static string Image(InputBlock block, string at)
    {
        if (block.Source is not { Type: "base64", Data: { Length: > 0 } data })
        {
            throw new ProtocolException($"{at}.source: only base64 image sources are supported (got '{block.Source?.Type}')", $"{at}.source");
        }

        return data;
    }

    private static void Flush(List<Message> result, StringBuilder text, List<string> images)
    {
        if (text.Length == 0 && images.Count == 0)
        {
            return;
        }

        result.Add(new Message { Role = "user", Content = text.ToString(), Images = images.Count > 0 ? [.. images] : null });
        text.Clear();
        images.Clear();
    }

    private static void Append(StringBuilder builder, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append('\n');
        }

        builder.Append(text);
    }

    private static string TextOf(InputBlock[] blocks, string where)
    {
        var text = new StringBuilder();
        for (var j = 0; j < blocks.Length; j++)
        {
            if (blocks[j].Type != "text")
            {
                throw new ProtocolException($"{where}.{j}.type: only text blocks are allowed here (got '{blocks[j].Type}')", $"{where}.{j}.type");
            }

            Append(text, blocks[j].Text);
        }

        return text.ToString();
    }

    private static InputBlock[] Blocks(JsonElement content, string where)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new ProtocolException($"{where}: must be a string or an array of content blocks", where);
        }

        return content.Deserialize(AnthropicJsonContext.Default.InputBlockArray) ?? [];
    }

    private static ProtocolException Unsupported(string? type, string at) =>
        new($"{at}.type: content block type '{type}' is not supported by Corral", $"{at}.type");
}
