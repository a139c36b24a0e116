using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Native chat request → Chat Completions body (works for OpenAI and compatible servers: vLLM, llama-server, another
/// Corral at <c>/v1</c>). Tool calls carry their arguments as a JSON string; images become <c>image_url</c> data URLs;
/// <c>format</c> becomes <c>response_format</c>; the think level becomes <c>reasoning_effort</c>. Earlier turns'
/// thinking is not sent back (Chat Completions has no field for it). <c>top_k</c> is not an OpenAI parameter and is
/// not sent.
/// </summary>
internal static class OpenAIRequestBuilder
{
    public static byte[] Build(ChatRequest request, string provider)
    {
        var options = new NativeOptions(request.Options, provider);
        var think = NativeOptions.ThinkLevel(request.Think, provider);
        var (json, schema) = NativeOptions.Format(request.Format, provider);
        var ids = new ToolCallIds("call_corral_");
        var messages = new List<ChatMessage>((request.Messages?.Length ?? 0) + 1);
        foreach (var message in request.Messages ?? [])
        {
            messages.Add(message.Role switch
            {
                "system" or "user" => new ChatMessage { Role = message.Role, Content = Content(message) },
                "assistant" => Assistant(message, ids),
                "tool" => new ChatMessage { Role = "tool", ToolCallId = ids.Result(message), Content = Text(message.Content) },
                _ => throw new UpstreamException(FailureClass.BadRequest, $"{provider}: message role '{message.Role}' is not supported"),
            });
        }

        var stop = options.Stop();
        var body = new ChatCompletionRequest
        {
            Model = request.Model,
            Messages = [.. messages],
            Stream = true,
            StreamOptions = new StreamOptions { IncludeUsage = true },
            MaxTokens = options.Int("num_predict") is { } n and > 0 ? n : null,
            Temperature = options.Double("temperature"),
            TopP = options.Double("top_p"),
            Seed = options.Long("seed"),
            Stop = stop is null ? null : JsonSerializer.SerializeToElement(stop, UpstreamJsonContext.Default.StringArray),
            PresencePenalty = options.Double("presence_penalty"),
            FrequencyPenalty = options.Double("frequency_penalty"),
            ResponseFormat = !json ? null
                : schema is { } s ? new ResponseFormat { Type = "json_schema", JsonSchema = new JsonSchemaFormat { Name = "response", Schema = s, Strict = true } }
                : new ResponseFormat { Type = "json_object" },
            Tools = request.Tools is { Length: > 0 } tools
                ? [.. tools.Select(t => new ToolDefinition
                {
                    Function = new FunctionDefinition { Name = t.Function.Name, Description = t.Function.Description, Parameters = t.Function.Parameters },
                })]
                : null,
            ReasoningEffort = think,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, OpenAIJsonContext.Default.ChatCompletionRequest);
    }

    private static ChatMessage Assistant(Message message, ToolCallIds ids) => new()
    {
        Role = "assistant",
        Content = message.Content.Length > 0 || message.ToolCalls is not { Length: > 0 } ? Text(message.Content) : null,
        ToolCalls = message.ToolCalls is { Length: > 0 } calls
            ? [.. calls.Select(c => new RequestToolCall
            {
                Id = ids.Call(c),
                Type = "function",
                Function = new RequestToolCallFunction
                {
                    Name = c.Function.Name,
                    Arguments = Text(c.Function.Arguments is { ValueKind: JsonValueKind.Object } args ? args.GetRawText() : "{}"),
                },
            })]
            : null,
    };

    /// <summary>A string, or text and <c>image_url</c> parts when the message has images.</summary>
    private static JsonElement Content(Message message)
    {
        if (message.Images is not { Length: > 0 } images)
        {
            return Text(message.Content);
        }

        var parts = new List<OpenAIContentPart>(images.Length + 1);
        if (message.Content.Length > 0)
        {
            parts.Add(new OpenAIContentPart("text", message.Content));
        }

        foreach (var image in images)
        {
            var (mediaType, data) = ImageMediaTypes.Split(image);
            parts.Add(new OpenAIContentPart("image_url", ImageUrl: new OpenAIImageUrl($"data:{mediaType};base64,{data}")));
        }

        return JsonSerializer.SerializeToElement(parts.ToArray(), UpstreamJsonContext.Default.OpenAIContentPartArray);
    }

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(text, UpstreamJsonContext.Default.String);
}
