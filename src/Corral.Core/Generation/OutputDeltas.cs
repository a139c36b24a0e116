using Corral.Api.Models;
using Corral.Prompting.Output;

namespace Corral.Core.Generation;

/// <summary>Helpers to combine parser output with the native message shape.</summary>
internal static class OutputDeltas
{
    /// <summary>Joins the last piece's delta with what flushing the parser released at the end.</summary>
    public static OutputDelta Merge(OutputDelta first, OutputDelta second) =>
        first.IsEmpty ? second : second.IsEmpty ? first : new OutputDelta(
            first.Thinking + second.Thinking,
            first.Content + second.Content,
            [.. first.ToolCalls, .. second.ToolCalls],
            first.ParseFailure ?? second.ParseFailure);

    public static Message ToMessage(OutputDelta delta) => new()
    {
        Role = "assistant",
        Content = delta.Content,
        Thinking = delta.Thinking.Length > 0 ? delta.Thinking : null,
        ToolCalls = delta.ToolCalls.Count > 0 ? [.. delta.ToolCalls] : null,
    };

    /// <summary>Whether a delta carries anything a client should see now.</summary>
    public static bool HasOutput(OutputDelta delta) =>
        delta.Content.Length > 0 || delta.Thinking.Length > 0 || delta.ToolCalls.Count > 0;
}
