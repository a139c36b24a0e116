using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>A mapped <c>/v1/responses</c> request: the native chat request plus the response object's echoed fields.</summary>
public sealed record MappedResponsesRequest(ChatRequest Native, bool Stream, IReadOnlyList<string> Ignored, ResponseObject Template,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>
/// Maps stateless <c>/v1/responses</c> requests to native <see cref="ChatRequest"/>s. <c>instructions</c> becomes the
/// system message; input items (<c>message</c>, <c>function_call</c>, <c>function_call_output</c>; <c>reasoning</c> items
/// are skipped) become native messages. <c>previous_response_id</c>, <c>conversation</c> and <c>store: true</c> are always
/// a 400 naming them, lenient or not: Corral keeps no state.
/// </summary>
public static class ResponsesRequestMapper
{
    public static MappedResponsesRequest Map(ResponsesRequest request, ParamPolicy policy, int? headerContextLength = null)
    {
        Stateless(request.PreviousResponseId is not null, "previous_response_id");
        Stateless(request.Conversation is { ValueKind: not JsonValueKind.Null }, "conversation");
        Stateless(request.Store == true, "store");
        Sampling.Require(!string.IsNullOrWhiteSpace(request.Model), "model", "you must provide a model parameter");
        Sampling.Require(request.Input is { ValueKind: JsonValueKind.String or JsonValueKind.Array }, "input",
            "input must be a string or an array of input items");
        policy.RejectUnknown(request.Extra);
        var metadata = RequestMetadata.Read(request.Metadata);
        if (request.Background == true)
        {
            policy.Unsupported("background", "background: true is not supported");
        }

        if (request.ParallelToolCalls == false)
        {
            policy.Unsupported("parallel_tool_calls", "parallel_tool_calls: false is not supported");
        }

        if (request.Include is { Length: > 0 })
        {
            policy.Unsupported("include", "include is not supported");
        }

        if (request.Truncation is not (null or "disabled"))
        {
            policy.Unsupported("truncation", $"truncation '{request.Truncation}' is not supported (use disabled)");
        }

        var options = Sampling.ToOptions(new SamplingFields
        {
            MaxTokens = request.MaxOutputTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            NumCtx = request.NumCtx,
            Options = request.Options,
        }, headerContextLength, "max_output_tokens");

        var messages = new List<Message>();
        if (!string.IsNullOrEmpty(request.Instructions))
        {
            messages.Add(new Message { Role = "system", Content = request.Instructions });
        }

        messages.AddRange(Messages(request.Input!.Value));
        Sampling.Require(messages.Count > 0, "input", "input must not be empty");
        var (tools, required) = ToolsFor(request, policy);
        var native = new ChatRequest
        {
            Model = request.Model,
            Messages = messages.ToArray(),
            Tools = tools,
            RequireToolCall = required,
            Format = FormatFor(request.Text?.Format),
            Options = options,
            Think = ChatRequestMapper.ThinkFor(request.Reasoning?.Effort, "reasoning.effort"),
            KeepAlive = request.KeepAlive,
            Stream = request.Stream == true,
        };
        var template = new ResponseObject
        {
            Instructions = request.Instructions,
            MaxOutputTokens = request.MaxOutputTokens,
            Model = request.Model!,
            Reasoning = request.Reasoning,
            Temperature = request.Temperature ?? 1.0,
            TopP = request.TopP ?? 1.0,
            Text = new ResponsesText { Format = request.Text?.Format ?? new ResponsesTextFormat() },
            ToolChoice = tools is null && request.Tools is { Length: > 0 } ? "none" : required is null ? "auto" : "required",
            Tools = request.Tools ?? [],
            Metadata = metadata ?? [],
        };
        return new MappedResponsesRequest(native, request.Stream == true, policy.Ignored, template, metadata);
    }

    /// <summary><c>json_object</c> → <c>"json"</c>; <c>json_schema</c> → its schema; <c>text</c> → none.</summary>
    public static JsonElement? FormatFor(ResponsesTextFormat? format) => format?.Type switch
    {
        null or "text" => null,
        "json_object" => Json.String("json"),
        "json_schema" => format.Schema is { ValueKind: JsonValueKind.Object } schema
            ? schema
            : throw new ProtocolException("text.format.schema must be a JSON Schema object", "text.format.schema"),
        var other => throw new ProtocolException($"unsupported text.format type '{other}' (use text, json_object or json_schema)", "text.format.type"),
    };

    private static void Stateless(bool present, string param)
    {
        if (present)
        {
            throw new ProtocolException($"{param} is not supported: Corral's /v1/responses is stateless and stores nothing (send the whole conversation as input)", param);
        }
    }

    /// <summary>Input items → native messages.</summary>
    public static List<Message> Messages(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [new Message { Role = "user", Content = input.GetString()! }];
        }

        var messages = new List<Message>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var where = $"input[{i++}]";
            Sampling.Require(item.ValueKind == JsonValueKind.Object, where, "input items must be objects");
            var type = Str(item, "type") ?? (item.TryGetProperty("role", out _) ? "message" : null);
            switch (type)
            {
                case "message":
                    messages.Add(MessageItem(item, where));
                    break;
                case "function_call":
                {
                    var name = Str(item, "name");
                    Sampling.Require(!string.IsNullOrEmpty(name), where + ".name", "function_call name is required");
                    var callId = Str(item, "call_id");
                    if (callId is not null)
                    {
                        callNames[callId] = name!;
                    }

                    var call = new ToolCall
                    {
                        Id = callId,
                        Function = new ToolCallFunction { Name = name!, Arguments = Arguments(Str(item, "arguments"), where + ".arguments") },
                    };
                    if (messages.Count > 0 && messages[^1] is { Role: "assistant" } last)
                    {
                        var calls = (last.ToolCalls ?? []).Append(call with { Function = call.Function with { Index = last.ToolCalls?.Length ?? 0 } }).ToArray();
                        messages[^1] = last with { ToolCalls = calls };
                    }
                    else
                    {
                        messages.Add(new Message { Role = "assistant", ToolCalls = [call with { Function = call.Function with { Index = 0 } }] });
                    }

                    break;
                }

                case "function_call_output":
                {
                    var callId = Str(item, "call_id");
                    var output = item.TryGetProperty("output", out var o) ? o.ValueKind == JsonValueKind.String ? o.GetString()! : Text(o, where + ".output") : "";
                    messages.Add(new Message
                    {
                        Role = "tool",
                        Content = output,
                        ToolCallId = callId,
                        ToolName = callId is not null && callNames.TryGetValue(callId, out var n) ? n : null,
                    });
                    break;
                }

                case "reasoning":
                    break;
                default:
                    throw new ProtocolException($"unsupported input item type '{type}' (use message, function_call or function_call_output)", where + ".type");
            }
        }

        return messages;
    }

    private static Message MessageItem(JsonElement item, string where)
    {
        var role = Str(item, "role") switch
        {
            "developer" or "system" => "system",
            "user" => "user",
            "assistant" => "assistant",
            var other => throw new ProtocolException($"invalid role '{other}' (use system, developer, user or assistant)", where + ".role"),
        };
        var content = item.TryGetProperty("content", out var c) ? c : default;
        var images = new List<string>();
        var text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => Text(content, where + ".content", images),
            JsonValueKind.Undefined or JsonValueKind.Null => "",
            _ => throw new ProtocolException("content must be a string or an array of content parts", where + ".content"),
        };
        return new Message { Role = role, Content = text, Images = images.Count > 0 ? images.ToArray() : null };
    }

    private static string Text(JsonElement parts, string param, List<string>? images = null)
    {
        Sampling.Require(parts.ValueKind == JsonValueKind.Array, param, "content must be a string or an array of content parts");
        var text = new StringBuilder();
        var k = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var at = $"{param}[{k++}]";
            var type = part.ValueKind == JsonValueKind.Object ? Str(part, "type") : null;
            switch (type)
            {
                case "input_text" or "output_text" or "text" when Str(part, "text") is { } value:
                    text.Append(value);
                    break;
                case "input_image" when images is not null:
                    images.Add(ImageData(Str(part, "image_url"), at + ".image_url"));
                    break;
                default:
                    throw new ProtocolException($"unsupported content part type '{type}' (use input_text, output_text or input_image)", at + ".type");
            }
        }

        return text.ToString();
    }

    private static string ImageData(string? url, string param)
    {
        const string marker = ";base64,";
        var cut = url?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (url is null || !url.StartsWith("data:", StringComparison.Ordinal) || cut < 0)
        {
            throw new ProtocolException("image_url must be a base64 data URL; remote image URLs are not fetched", param);
        }

        return url[(cut + marker.Length)..];
    }

    private static JsonElement Arguments(string? text, string param)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Json.Parse("{}");
        }

        try
        {
            var parsed = Json.Parse(text);
            Sampling.Require(parsed.ValueKind == JsonValueKind.Object, param, "function_call arguments must be a JSON object");
            return parsed;
        }
        catch (JsonException)
        {
            throw new ProtocolException("function_call arguments are not valid JSON", param);
        }
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static (Tool[]? Tools, RequiredToolCall? Required) ToolsFor(ResponsesRequest request, ParamPolicy policy)
    {
        var names = request.Tools?.Select(t => t.Name ?? "").ToArray() ?? [];
        var choice = ToolChoice.Read(request.ToolChoice, names, FormatFor(request.Text?.Format) is not null, "text.format", policy);
        if (!choice.OffersTools || request.Tools is not { Length: > 0 } tools)
        {
            return (null, null);
        }

        return (tools.Select((tool, i) =>
        {
            Sampling.Require(tool.Type == "function", $"tools[{i}].type", $"unsupported tool type '{tool.Type}' (only function tools are supported)");
            Sampling.Require(!string.IsNullOrEmpty(tool.Name), $"tools[{i}].name", "tool name is required");
            return new Tool { Type = "function", Function = new ToolFunction { Name = tool.Name!, Description = tool.Description, Parameters = tool.Parameters } };
        }).ToArray(), choice.Required);
    }
}
