using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Corral.TestKit.Upstreams;

/// <summary>Writes the fake's JSON with <see cref="Utf8JsonWriter"/> (independent of the production DTOs, so the
/// fake is an oracle for them, not a mirror).</summary>
internal static class FakeWire
{
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>event: {name}\ndata: {json}\n\n</c> (Anthropic) or <c>data: {json}\n\n</c> (name null, OpenAI).</summary>
    public static byte[] Sse(string? name, Action<Utf8JsonWriter> write) => Sse(name, Json(write));

    public static byte[] Sse(string? name, byte[] data)
    {
        var prefix = name is null ? "data: " : $"event: {name}\ndata: ";
        var frame = new byte[Encoding.UTF8.GetByteCount(prefix) + data.Length + 2];
        var n = Encoding.UTF8.GetBytes(prefix, frame);
        data.CopyTo(frame, n);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    public static List<string> Fragments(string text, int count)
    {
        var size = Math.Max(1, (int)Math.Ceiling(text.Length / (double)Math.Max(1, count)));
        return FakeAnswer.Split(text, size);
    }
}
