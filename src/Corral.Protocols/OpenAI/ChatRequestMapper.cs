using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>Maps <c>/v1/chat/completions</c> requests to native <see cref="ChatRequest"/>s.</summary>
/// <remarks>
/// Accepted with no effect on the answer: <c>user</c>, <c>metadata</c> (validated; <c>metadata.task</c> only steers a
/// route's fast path), <c>n: 1</c>, <c>parallel_tool_calls: true</c>, <c>tool_choice: "auto"</c>,
/// an empty <c>logit_bias</c>. <c>tool_choice: "none"</c> withholds the tools; <c>"required"</c> or a named function
/// makes one call mandatory (enforced by grammar in Core). Anything else Corral cannot honour
/// (<c>n &gt; 1</c>, <c>logit_bias</c>, <c>tool_choice: {"type":"allowed_tools"}</c>, unknown fields such as <c>service_tier</c>)
/// goes through <see cref="ParamPolicy"/>: a 400 naming it, or ignored and reported in lenient mode.
/// </remarks>
public static class ChatRequestMapper
{
    /// <summary>Maps <paramref name="request"/>; <paramref name="headerContextLength"/> is <c>X-Context-Length</c>.</summary>
    public static MappedRequest<ChatRequest> Map(ChatCompletionRequest request, ParamPolicy policy, int? headerContextLength = null)
    {
        Sampling.Require(!string.IsNullOrWhiteSpace(request.Model), "model", "you must provide a model parameter");
        Sampling.Require(request.Messages is { Length: > 0 }, "messages", "[] is too short - 'messages'");
        policy.RejectUnknown(request.Extra);
        var metadata = RequestMetadata.Read(request.Metadata);
        if (request.N is { } n && n != 1)
        {
            Sampling.Require(n >= 1, "n", "n must be at least 1");
            policy.Unsupported("n", "n > 1 is not supported: Corral returns one choice per request");
        }

        if (request.LogitBias is { Count: > 0 })
        {
            policy.Unsupported("logit_bias", "logit_bias is not supported");
        }

        if (request.ParallelToolCalls == false)
        {
            policy.Unsupported("parallel_tool_calls", "parallel_tool_calls: false is not supported");
        }

        Sampling.Require(request.MaxTokens is null || request.MaxCompletionTokens is null, "max_tokens",
            "max_tokens and max_completion_tokens are mutually exclusive");
        var options = Sampling.ToOptions(new SamplingFields
        {
            MaxTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Seed = request.Seed,
            Stop = request.Stop,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            NumCtx = request.NumCtx,
            Options = request.Options,
        }, headerContextLength, request.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");

        if (request.TopLogprobs is { } top)
        {
            Sampling.Require(top is >= 0 and <= 20, "top_logprobs", "top_logprobs must be between 0 and 20");
            Sampling.Require(request.Logprobs == true, "top_logprobs", "top_logprobs requires logprobs: true");
        }

        var (tools, required) = ToolsFor(request, policy);
        var native = new ChatRequest
        {
            Model = request.Model,
            Messages = MessageMapper.Map(request.Messages!),
            Tools = tools,
            RequireToolCall = required,
            Format = FormatFor(request.ResponseFormat),
            Options = options,
            Think = ThinkFor(request.ReasoningEffort ?? request.Reasoning?.Effort,
                request.ReasoningEffort is null ? "reasoning.effort" : "reasoning_effort"),
            KeepAlive = request.KeepAlive,
            Logprobs = request.Logprobs == true,
            TopLogprobs = request.Logprobs == true ? request.TopLogprobs : null,
            Stream = request.Stream == true,
        };
        return new MappedRequest<ChatRequest>(native, request.Stream == true, request.StreamOptions?.IncludeUsage == true, policy.Ignored, metadata);
    }

    /// <summary><c>json_object</c> → <c>"json"</c>; <c>json_schema</c> → its schema; <c>text</c> → none.</summary>
    public static JsonElement? FormatFor(ResponseFormat? format) => format?.Type switch
    {
        null or "text" => null,
        "json_object" => Json.String("json"),
        "json_schema" => format.JsonSchema?.Schema is { ValueKind: JsonValueKind.Object } schema
            ? schema
            : throw new ProtocolException("response_format.json_schema.schema must be a JSON Schema object", "response_format.json_schema.schema"),
        var other => throw new ProtocolException($"unsupported response_format type '{other}' (use text, json_object or json_schema)", "response_format.type"),
    };

    /// <summary><c>none</c> → think off; <c>minimal</c> → low; <c>low/medium/high</c>; <c>xhigh/max</c> → max.</summary>
    public static JsonElement? ThinkFor(string? effort, string param) => effort switch
    {
        null => null,
        "none" => Json.Bool(false),
        "minimal" or "low" => Json.String("low"),
        "medium" => Json.String("medium"),
        "high" => Json.String("high"),
        "xhigh" or "max" => Json.String("max"),
        _ => throw new ProtocolException($"invalid reasoning effort '{effort}' (use none, minimal, low, medium, high or xhigh)", param),
    };

    private static (Tool[]? Tools, RequiredToolCall? Required) ToolsFor(ChatCompletionRequest request, ParamPolicy policy)
    {
        var names = request.Tools?.Select(t => t.Function?.Name ?? "").ToArray() ?? [];
        var choice = ToolChoice.Read(request.ToolChoice, names, FormatFor(request.ResponseFormat) is not null, "response_format", policy);
        if (!choice.OffersTools || request.Tools is not { Length: > 0 } tools)
        {
            return (null, null);
        }

        return (tools.Select((tool, i) =>
        {
            Sampling.Require(tool.Type == "function" && tool.Function is not null, $"tools[{i}].type",
                $"unsupported tool type '{tool.Type}' (only function tools are supported)");
            Sampling.Require(!string.IsNullOrEmpty(tool.Function!.Name), $"tools[{i}].function.name", "tool function name is required");
            return new Tool
            {
                Type = "function",
                Function = new ToolFunction { Name = tool.Function.Name, Description = tool.Function.Description, Parameters = tool.Function.Parameters },
            };
        }).ToArray(), choice.Required);
    }
}
