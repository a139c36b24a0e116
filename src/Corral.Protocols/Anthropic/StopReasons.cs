using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>Native <c>done_reason</c> to Anthropic <c>stop_reason</c>, and native counts to <see cref="Usage"/>.</summary>
internal static class StopReasons
{
    /// <summary>A turn that called tools ends in <c>tool_use</c>; <c>length</c> is <c>max_tokens</c>; a stop on one of
    /// the request's <c>stop_sequences</c> (the native <c>done_stop_sequence</c>) is <c>stop_sequence</c>, with that
    /// sequence; everything else, a stop string from the model's own parameters included, is <c>end_turn</c>.</summary>
    public static (string Reason, string? Sequence) From(ChatResponse last, bool calledTools, IReadOnlyList<string>? requested)
    {
        if (calledTools)
        {
            return ("tool_use", null);
        }

        if (last.DoneReason is "length" or OpenAI.ChatResponseMapper.DeadlineReason) // deadline: see MessageDeltaBody.CorralStopReason
        {
            return ("max_tokens", null);
        }

        return last.DoneStopSequence is { } stop && requested is not null && requested.Contains(stop, StringComparer.Ordinal)
            ? ("stop_sequence", stop)
            : ("end_turn", null);
    }

    public static Usage UsageOf(ChatResponse? last, int outputTokens)
    {
        var prompt = last?.PromptEvalCount ?? 0;
        var cached = Math.Min(last?.PromptCacheCount ?? 0, prompt);
        return new Usage { InputTokens = prompt - cached, CacheReadInputTokens = cached, OutputTokens = last?.EvalCount ?? outputTokens };
    }
}
