using Corral.Api.Models;

namespace Corral.Prompting.Output;

/// <summary>What one generated piece (or the final flush) contributed to the reply, already split into reasoning,
/// answer text and tool calls. Empty strings mean "nothing new"; deltas are meant to be streamed as they come.</summary>
/// <param name="Thinking">New reasoning text (markers removed).</param>
/// <param name="Content">New answer text. Includes the raw text of any tool call that failed to parse.</param>
/// <param name="ToolCalls">Tool calls completed by this piece, each with its id and increasing <c>Function.Index</c>.</param>
/// <param name="ParseFailure">Why a tool call could not be parsed (its raw text is in <paramref name="Content"/>), or null.</param>
public sealed record OutputDelta(string Thinking, string Content, IReadOnlyList<ToolCall> ToolCalls, string? ParseFailure)
{
    /// <summary>A delta with nothing in it.</summary>
    public static OutputDelta Empty { get; } = new("", "", [], null);

    /// <summary>True when the delta carries nothing to send.</summary>
    public bool IsEmpty => Thinking.Length == 0 && Content.Length == 0 && ToolCalls.Count == 0 && ParseFailure == null;
}

/// <summary>What <see cref="ThinkingSplitter"/> made of a piece: new reasoning text and new answer text.</summary>
public readonly record struct ThinkingDelta(string Thinking, string Content);

/// <summary>What <see cref="ToolCallParser"/> made of a piece of answer text.</summary>
/// <param name="Content">Answer text that is certainly not part of a tool call (or is the raw text of a failed one).</param>
/// <param name="ToolCalls">Calls completed by this piece.</param>
/// <param name="ParseFailure">Why a call failed to parse (its raw text is in <paramref name="Content"/>), or null.</param>
public sealed record ToolParseResult(string Content, IReadOnlyList<ToolCall> ToolCalls, string? ParseFailure)
{
    /// <summary>A result with nothing in it.</summary>
    public static ToolParseResult Empty { get; } = new("", [], null);
}
