using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Protocols.OpenAI;

/// <summary>
/// Writes OpenAI server-sent events (<c>data: {json}\n\n</c>) straight into an output buffer (a response's pipe): one
/// <see cref="Utf8JsonWriter"/> per stream, reset per frame, so a streamed token costs no intermediate byte array.
/// The bytes are exactly those of <see cref="Sse.Frame{T}"/>.
/// </summary>
public sealed class SseFrameWriter : IDisposable
{
    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;

    public SseFrameWriter(IBufferWriter<byte> output, JsonSerializerOptions options)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            MaxDepth = options.MaxDepth,
            SkipValidation = true,
        });
    }

    /// <summary>A writer with the wire options of <see cref="OpenAIJsonContext.Wire"/>.</summary>
    public static SseFrameWriter Wire(IBufferWriter<byte> output) => new(output, OpenAIJsonContext.Wire.Options);

    public void Write<T>(T value, JsonTypeInfo<T> type)
    {
        _output.Write("data: "u8);
        JsonSerializer.Serialize(_json, value, type);
        _json.Flush();
        _json.Reset();
        _output.Write("\n\n"u8);
    }

    /// <summary>Raw bytes (the <c>[DONE]</c> terminator).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    public void Dispose() => _json.Dispose();
}
