using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>Maps a folded native answer onto the non-streaming <c>message</c> object: content blocks in the order
/// thinking, text, tool_use (empty ones omitted).</summary>
public static class ResponseMapper
{
    /// <param name="stopSequences">The request's <c>stop_sequences</c>: a stop on one of them is reported as such.</param>
    public static MessagesResponse ToMessage(ChatResponse folded, string id, string model, Func<string>? toolUseId = null,
        IReadOnlyList<string>? stopSequences = null)
    {
        var blocks = new List<OutputBlock>();
        var message = folded.Message;
        if (!string.IsNullOrEmpty(message.Thinking))
        {
            blocks.Add(OutputBlock.ForThinking(message.Thinking));
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            blocks.Add(OutputBlock.ForText(message.Content));
        }

        var calls = message.ToolCalls ?? [];
        foreach (var call in calls)
        {
            blocks.Add(ToolUse(call, toolUseId));
        }

        var stop = StopReasons.From(folded, calls.Length > 0, stopSequences);
        return new MessagesResponse
        {
            Id = id,
            Model = model,
            Content = [.. blocks],
            StopReason = stop.Reason,
            StopSequence = stop.Sequence,
            Usage = StopReasons.UsageOf(folded, 0),
        };
    }

    /// <summary>A call as a <c>tool_use</c> block. Its id is Anthropic's <c>toolu_…</c>: one the call already carries in
    /// that form (a replay, an Anthropic upstream) is kept; a native <c>call_…</c> id (Corral's output parser, an
    /// OpenAI upstream) or none gets a new one.</summary>
    internal static OutputBlock ToolUse(ToolCall call, Func<string>? toolUseId) =>
        OutputBlock.ForToolUse(
            call.Id is { } id && id.StartsWith(AnthropicIds.ToolUsePrefix, StringComparison.Ordinal) ? id : (toolUseId ?? AnthropicIds.NewToolUseId)(),
            call.Function.Name,
            call.Function.Arguments is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } input ? input : JsonValues.EmptyObject());
}
