using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>Native <c>done_reason</c> to Anthropic <c>stop_reason</c>, and native counts to <see cref="Usage"/>.</summary>
internal static class StopReasons
{
    /// <summary>A turn that called tools ends in <c>tool_use</c>; <c>length</c> is <c>max_tokens</c>; everything else
    /// is <c>end_turn</c>. The native stream does not say whether a stop sequence matched (the matched text is
    /// removed), so <c>stop_sequence</c> is never reported.</summary>
    public static string From(string? doneReason, bool calledTools) =>
        calledTools ? "tool_use" : doneReason == "length" ? "max_tokens" : "end_turn";

    public static Usage UsageOf(ChatResponse? last, int outputTokens)
    {
        var prompt = last?.PromptEvalCount ?? 0;
        var cached = Math.Min(last?.PromptCacheCount ?? 0, prompt);
        return new Usage { InputTokens = prompt - cached, CacheReadInputTokens = cached, OutputTokens = last?.EvalCount ?? outputTokens };
    }
}
