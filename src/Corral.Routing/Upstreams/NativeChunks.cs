using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>Native <c>/api/chat</c> chunks as the providers emit them.</summary>
internal static class NativeChunks
{
    private static readonly Message Empty = new() { Role = "assistant" };

    public static ChatResponse Delta(string model, TimeProvider time, string? content, string? thinking, ToolCall[]? calls = null) => new()
    {
        Model = model,
        CreatedAt = time.GetUtcNow().UtcDateTime,
        Message = new Message { Role = "assistant", Content = content ?? "", Thinking = thinking, ToolCalls = calls },
    };

    public static ChatResponse Final(string model, TimeProvider time, string doneReason, int? prompt, int? eval, int? cached, ToolCall[]? calls = null) => new()
    {
        Model = model,
        CreatedAt = time.GetUtcNow().UtcDateTime,
        Message = calls is null ? Empty : new Message { Role = "assistant", ToolCalls = calls },
        Done = true,
        DoneReason = doneReason,
        PromptEvalCount = prompt,
        EvalCount = eval,
        PromptCacheCount = cached,
    };

    /// <summary>Bytes after <c>data:</c> (and its optional space), or false for any other line.</summary>
    public static bool TryData(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> data)
    {
        if (!line.StartsWith("data:"u8))
        {
            data = default;
            return false;
        }

        data = line[5..];
        if (!data.IsEmpty && data[0] == (byte)' ')
        {
            data = data[1..];
        }

        return true;
    }
}
