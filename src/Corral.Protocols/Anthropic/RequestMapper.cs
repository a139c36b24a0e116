using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// Maps a Messages API request onto a native <see cref="ChatRequest"/>. Unknown top-level fields are refused with a
/// 400 naming them; <see cref="Accepted"/> lists the fields Corral reads (or accepts and ignores).
/// </summary>
public static class RequestMapper
{
    /// <summary>Top-level fields accepted. <c>service_tier</c> and <c>context_management</c> are ignored; <c>metadata</c> is
    /// validated (<see cref="AnthropicMetadata"/>) and only steers a route's fast path; <c>tool_choice</c> <c>none</c> withholds the tools, <c>any</c>/<c>tool</c> require a call (enforced by grammar in Core).</summary>
    public static readonly IReadOnlyList<string> Accepted =
    [
        "model", "messages", "max_tokens", "system", "stream", "temperature", "top_p", "top_k", "stop_sequences",
        "tools", "tool_choice", "thinking", "metadata", "service_tier", "context_management", "output_config",
    ];

    /// <summary>Maps <c>/v1/messages</c> (<paramref name="countOnly"/> false: <c>max_tokens</c> required) or
    /// <c>/v1/messages/count_tokens</c> (true: <c>max_tokens</c> not needed, one token is generated).</summary>
    public static ChatRequest ToChat(MessagesRequest request, bool countOnly = false)
    {
        if (request.Unknown is { Count: > 0 } unknown)
        {
            var name = unknown.Keys.First();
            throw new ProtocolException($"{name}: Extra inputs are not permitted (Corral accepts: {string.Join(", ", Accepted)})", name);
        }

        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ProtocolException("model: Field required", "model");
        }

        AnthropicMetadata.Task(request.Metadata);
        if (request.Messages is not { Length: > 0 })
        {
            throw new ProtocolException("messages: at least one message is required", "messages");
        }

        if (!countOnly && request.MaxTokens is null)
        {
            throw new ProtocolException("max_tokens: Field required", "max_tokens");
        }

        if (!countOnly && request.MaxTokens <= 0)
        {
            throw new ProtocolException("max_tokens: must be greater than or equal to 1", "max_tokens");
        }

        var messages = new List<Message>();
        var system = MessageMapper.SystemText(request.System);
        if (system is not null)
        {
            messages.Add(new Message { Role = "system", Content = system });
        }

        messages.AddRange(MessageMapper.Map(request.Messages));
        var withholdTools = request.ToolChoice?.Type == "none";
        return new ChatRequest
        {
            Model = request.Model,
            Messages = [.. messages],
            Tools = withholdTools ? null : ToolMapper.Map(request.Tools, request.ToolChoice),
            RequireToolCall = ToolMapper.Required(request.Tools, request.ToolChoice, request.OutputConfig?.Format is not null),
            Options = Options(request, countOnly),
            Think = Think(request.Thinking, request.OutputConfig),
            Format = Format(request.OutputConfig?.Format),
            Stream = true,
        };
    }

    private static Dictionary<string, JsonElement> Options(MessagesRequest request, bool countOnly)
    {
        var options = new Dictionary<string, JsonElement>
        {
            ["num_predict"] = JsonValues.Number(countOnly ? 1 : request.MaxTokens!.Value),
        };
        if (request.Temperature is { } temperature)
        {
            options["temperature"] = JsonValues.Number(temperature);
        }

        if (request.TopP is { } topP)
        {
            options["top_p"] = JsonValues.Number(topP);
        }

        if (request.TopK is { } topK)
        {
            options["top_k"] = JsonValues.Number(topK);
        }

        if (request.StopSequences is { Length: > 0 } stops)
        {
            options["stop"] = JsonValues.StringArray(stops);
        }

        return options;
    }

    private static JsonElement? Format(OutputFormat? format)
    {
        if (format is null)
        {
            return null;
        }

        if (format.Type != "json_schema")
        {
            throw new ProtocolException($"output_config.format.type: must be 'json_schema', not '{format.Type}'", "output_config.format.type");
        }

        return format.Schema is { ValueKind: JsonValueKind.Object } schema
            ? schema
            : throw new ProtocolException("output_config.format.schema: Field required (a JSON Schema object)", "output_config.format.schema");
    }

    /// <summary>
    /// Anthropic's semantics, not Ollama's: thinking is off unless the request asks for it. A request without
    /// <c>thinking</c> sends <c>think:false</c>, so a thinking-capable model (which natively thinks by default) returns no
    /// thinking blocks and spends no <c>max_tokens</c> on reasoning, which is what Anthropic SDK users and agents
    /// expect. <c>false</c> is accepted by every model, so this never makes a request fail.
    /// </summary>
    private static JsonElement? Think(ThinkingConfig? thinking, OutputConfig? output)
    {
        if (thinking is null)
        {
            return JsonValues.Bool(false);
        }

        switch (thinking.Type)
        {
            case "disabled":
                return JsonValues.Bool(false);
            case "enabled" or "adaptive":
                var level = output?.Effort switch
                {
                    "low" or "medium" or "high" => output.Effort,
                    "xhigh" or "max" => "high",
                    _ => null,
                };
                return level is null ? JsonValues.Bool(true) : JsonValues.String(level);
            default:
                throw new ProtocolException($"thinking.type: must be 'enabled', 'adaptive' or 'disabled', not '{thinking.Type}'", "thinking.type");
        }
    }
}
