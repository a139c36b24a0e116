using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>Native chat answers → OpenAI shapes (shared by the folded and the streamed forms).</summary>
public static class ChatResponseMapper
{
    /// <summary>A whole completion from a folded native answer.</summary>
    public static ChatCompletion ToCompletion(ChatResponse folded, string id, long created)
    {
        var calls = folded.Message.ToolCalls is { Length: > 0 } native ? ToolCalls(native, 0) : null;
        var content = folded.Message.Content;
        return new ChatCompletion
        {
            Id = id,
            Created = created,
            Model = folded.Model,
            Choices =
            [
                new ChatChoice
                {
                    Message = new AssistantMessage
                    {
                        Content = calls is not null && content.Length == 0 ? null : content,
                        ReasoningContent = NullIfEmpty(folded.Message.Thinking),
                        Reasoning = NullIfEmpty(folded.Message.Thinking),
                        ToolCalls = calls,
                    },
                    Logprobs = Logprobs(folded.Logprobs),
                    FinishReason = FinishReason(folded.DoneReason, calls is not null),
                    CorralStopReason = CorralStopReason(folded.DoneReason),
                },
            ],
            Usage = UsageOf(folded),
        };
    }

    /// <summary><c>length</c> passes through, and so does the native <c>deadline</c> as <c>length</c> (the nearest
    /// reason OpenAI clients know; <see cref="CorralStopReason"/> says which); otherwise <c>tool_calls</c> when calls
    /// were emitted, else <c>stop</c>.</summary>
    public static string FinishReason(string? doneReason, bool emittedToolCalls) =>
        doneReason is "length" or DeadlineReason ? "length" : emittedToolCalls ? "tool_calls" : "stop";

    /// <summary>The native <c>done_reason</c> of an answer the request's deadline cut short.</summary>
    public const string DeadlineReason = "deadline";

    /// <summary>Corral's own reason when the OpenAI one cannot say it (the extension field <c>corral_stop_reason</c>):
    /// <c>deadline</c>, else null (omitted).</summary>
    public static string? CorralStopReason(string? doneReason) => doneReason == DeadlineReason ? DeadlineReason : null;

    public static Usage UsageOf(Metrics metrics)
    {
        var prompt = metrics.PromptEvalCount ?? 0;
        var completion = metrics.EvalCount ?? 0;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = metrics.PromptCacheCount ?? 0 },
        };
    }

    /// <summary>Calls numbered from <paramref name="firstIndex"/>, with arguments as a JSON string; calls without an
    /// id get a fresh <c>call_...</c> id.</summary>
    public static ResponseToolCall[] ToolCalls(IReadOnlyList<ToolCall> calls, int firstIndex) =>
        calls.Select((call, i) => new ResponseToolCall
        {
            Index = firstIndex + i,
            Id = string.IsNullOrEmpty(call.Id) ? OpenAIIds.ToolCall() : call.Id,
            Type = "function",
            Function = new ResponseToolCallFunction { Name = call.Function.Name, Arguments = ArgumentsJson(call.Function.Arguments) },
        }).ToArray();

    public static string ArgumentsJson(JsonElement? arguments) =>
        arguments is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } a
            ? JsonSerializer.Serialize(a, OpenAIJsonContext.Wire.JsonElement)
            : "{}";

    public static ChatLogprobs? Logprobs(Logprob[]? logprobs) => logprobs is null ? null : new ChatLogprobs
    {
        Content = logprobs.Select(l => new TokenLogprob
        {
            Token = l.Token,
            Logprob = l.Value,
            Bytes = l.Bytes,
            TopLogprobs = (l.TopLogprobs ?? []).Select(t => new TopLogprob { Token = t.Token, Logprob = t.Value, Bytes = t.Bytes }).ToArray(),
        }).ToArray(),
    };

    internal static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
