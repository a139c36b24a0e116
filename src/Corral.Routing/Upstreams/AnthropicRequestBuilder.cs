using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Native chat request → Anthropic Messages body. System messages become <c>system</c>; user, assistant and tool
/// messages become content blocks (tool results go in a user turn), consecutive turns of one role are merged as
/// Anthropic requires. Earlier turns' thinking is not replayed (Anthropic needs the signature it never gave us, and
/// drops prior-turn thinking anyway).
/// </summary>
/// <remarks><c>format</c>: Anthropic has no JSON mode on every model, so a request with a format gets a system
/// instruction to answer with JSON only (quoting the schema); the router checks the answer against the schema. It is
/// never silently dropped. With thinking on, <c>temperature</c>, <c>top_k</c> and a <c>top_p</c> below 0.95 are not
/// sent: Anthropic refuses them with thinking.</remarks>
internal static class AnthropicRequestBuilder
{
    public const int DefaultMaxTokens = 4096;

    public static int BudgetFor(string level) => level switch
    {
        "low" => 1024,
        "high" => 16384,
        _ => 4096,
    };

    public static byte[] Build(ChatRequest request, string provider)
    {
        var options = new NativeOptions(request.Options, provider);
        var think = NativeOptions.ThinkLevel(request.Think, provider);
        var (json, schema) = NativeOptions.Format(request.Format, provider);

        var system = new List<string>();
        var turns = new List<(string Role, List<InputBlock> Blocks)>();
        var ids = new ToolCallIds("toolu_corral_");
        foreach (var message in request.Messages ?? [])
        {
            switch (message.Role)
            {
                case "system":
                    if (message.Content.Length > 0)
                    {
                        system.Add(message.Content);
                    }

                    break;
                case "user":
                    Add(turns, "user", UserBlocks(message));
                    break;
                case "assistant":
                    Add(turns, "assistant", AssistantBlocks(message, ids));
                    break;
                case "tool":
                    Add(turns, "user", [ToolResult(message, ids)]);
                    break;
                default:
                    throw new UpstreamException(FailureClass.BadRequest, $"{provider}: message role '{message.Role}' is not supported");
            }
        }

        if (json)
        {
            system.Add(schema is { } s
                ? "Respond with only a JSON value that matches this JSON Schema, with no other text and no code fences:\n" + s.GetRawText()
                : "Respond with only a valid JSON value, with no other text and no code fences.");
        }

        var maxTokens = options.Int("num_predict") is { } n and > 0 ? n : DefaultMaxTokens;
        ThinkingConfig? thinking = null;
        if (think is not null)
        {
            var budget = BudgetFor(think);
            thinking = new ThinkingConfig { Type = "enabled", BudgetTokens = budget };
            if (maxTokens <= budget)
            {
                maxTokens += budget;
            }
        }

        var body = new MessagesRequest
        {
            Model = request.Model,
            MaxTokens = maxTokens,
            System = system.Count > 0 ? JsonSerializer.SerializeToElement(string.Join("\n\n", system), UpstreamJsonContext.Default.String) : null,
            Messages = [.. turns.Select(t => new InputMessage
            {
                Role = t.Role,
                Content = JsonSerializer.SerializeToElement(t.Blocks.ToArray(), AnthropicJsonContext.Default.InputBlockArray),
            })],
            Stream = true,
            // Anthropic refuses temperature and top_k with thinking on, and top_p below 0.95: a native client's
            // sampling defaults must not turn a thinking request into a 400 that stops fallback.
            Temperature = thinking is null ? options.Double("temperature") : null,
            TopP = thinking is null || options.Double("top_p") is >= 0.95 ? options.Double("top_p") : null,
            TopK = thinking is null ? options.Int("top_k") : null,
            StopSequences = options.Stop(),
            Tools = request.Tools is { Length: > 0 } tools
                ? [.. tools.Select(t => new ToolDefinition
                {
                    Name = t.Function.Name,
                    Description = t.Function.Description,
                    InputSchema = t.Function.Parameters ?? EmptySchema,
                })]
                : null,
            Thinking = thinking,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, AnthropicJsonContext.Default.MessagesRequest);
    }

    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static void Add(List<(string Role, List<InputBlock> Blocks)> turns, string role, List<InputBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        if (turns.Count > 0 && turns[^1].Role == role)
        {
            turns[^1].Blocks.AddRange(blocks);
            return;
        }

        turns.Add((role, blocks));
    }

    private static List<InputBlock> UserBlocks(Message message)
    {
        var blocks = new List<InputBlock>();
        foreach (var image in message.Images ?? [])
        {
            blocks.Add(Image(image));
        }

        if (message.Content.Length > 0)
        {
            blocks.Add(new InputBlock { Type = "text", Text = message.Content });
        }

        return blocks;
    }

    private static List<InputBlock> AssistantBlocks(Message message, ToolCallIds ids)
    {
        var blocks = new List<InputBlock>();
        if (message.Content.Length > 0)
        {
            blocks.Add(new InputBlock { Type = "text", Text = message.Content });
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            blocks.Add(new InputBlock
            {
                Type = "tool_use",
                Id = ids.Call(call),
                Name = call.Function.Name,
                Input = call.Function.Arguments is { ValueKind: JsonValueKind.Object } args ? args : EmptyObject,
            });
        }

        return blocks;
    }

    private static InputBlock ToolResult(Message message, ToolCallIds ids)
    {
        JsonElement content;
        if (message.Images is { Length: > 0 } images)
        {
            var parts = images.Select(Image).ToList();
            if (message.Content.Length > 0)
            {
                parts.Add(new InputBlock { Type = "text", Text = message.Content });
            }

            content = JsonSerializer.SerializeToElement(parts.ToArray(), AnthropicJsonContext.Default.InputBlockArray);
        }
        else
        {
            content = JsonSerializer.SerializeToElement(message.Content, UpstreamJsonContext.Default.String);
        }

        return new InputBlock { Type = "tool_result", ToolUseId = ids.Result(message), Content = content };
    }

    private static InputBlock Image(string image)
    {
        var (mediaType, data) = ImageMediaTypes.Split(image);
        return new InputBlock { Type = "image", Source = new ImageSource { Type = "base64", MediaType = mediaType, Data = data } };
    }
}
