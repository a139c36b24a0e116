using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Protocols.OpenAI;

/// <summary>Server-sent event framing exactly as OpenAI streams: <c>data: {json}\n\n</c>, ending <c>data: [DONE]\n\n</c>.</summary>
public static class Sse
{
    /// <summary>The stream's terminator.</summary>
    public static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    /// <summary>One event holding <paramref name="value"/>, serialized with the relaxed escaping of the wire.</summary>
    public static byte[] Frame<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        buffer.Write("data: "u8);
        JsonSerializer.Serialize(buffer, value, type);
        buffer.Write("\n\n"u8);
        return buffer.ToArray();
    }

    /// <summary>The UTF-8 text of a sequence of frames followed by <see cref="Done"/> (for transcripts and tests).</summary>
    public static string Transcript<T>(IEnumerable<T> values, JsonTypeInfo<T> type) =>
        string.Concat(values.Select(v => Encoding.UTF8.GetString(Frame(v, type)))) + Encoding.UTF8.GetString(Done);
}
