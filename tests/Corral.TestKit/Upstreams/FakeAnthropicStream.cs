using System.Text.Json;

namespace Corral.TestKit.Upstreams;

/// <summary>Anthropic's Messages API as the fake speaks it: SSE events named as the real API names them, and the
/// non-streamed message and error bodies.</summary>
internal static class FakeAnthropicStream
{
    public static List<byte[]> Events(FakeAnswer answer, string model)
    {
        var events = new List<byte[]>
        {
            FakeWire.Sse("message_start", w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "message_start");
                w.WriteStartObject("message");
                w.WriteString("id", "msg_fake01");
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteStartArray("content");
                w.WriteEndArray();
                w.WriteString("model", model);
                w.WriteNull("stop_reason");
                w.WriteNull("stop_sequence");
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", answer.InputTokens - answer.CachedTokens);
                w.WriteNumber("cache_creation_input_tokens", 0);
                w.WriteNumber("cache_read_input_tokens", answer.CachedTokens);
                w.WriteNumber("output_tokens", 1);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }),
            FakeWire.Sse("ping", w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "ping");
                w.WriteEndObject();
            }),
        };

        var index = 0;
        if (answer.Thinking is { } thinking)
        {
            events.Add(BlockStart(index, w =>
            {
                w.WriteString("type", "thinking");
                w.WriteString("thinking", "");
                w.WriteString("signature", "");
            }));
            foreach (var piece in FakeAnswer.Split(thinking, answer.CharsPerDelta))
            {
                events.Add(Delta(index, "thinking_delta", "thinking", piece));
            }

            events.Add(Delta(index, "signature_delta", "signature", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
            events.Add(BlockStop(index++));
        }

        if (answer.Text.Length > 0)
        {
            events.Add(BlockStart(index, w =>
            {
                w.WriteString("type", "text");
                w.WriteString("text", "");
            }));
            foreach (var piece in answer.TextDeltas())
            {
                events.Add(Delta(index, "text_delta", "text", piece));
            }

            events.Add(BlockStop(index++));
        }

        if (answer.ToolCall is { } call)
        {
            events.Add(BlockStart(index, w =>
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.Id ?? "toolu_fake01");
                w.WriteString("name", call.Name);
                w.WriteStartObject("input");
                w.WriteEndObject();
            }));
            events.Add(Delta(index, "input_json_delta", "partial_json", ""));
            foreach (var piece in FakeWire.Fragments(call.ArgumentsJson, answer.ArgumentFragments))
            {
                events.Add(Delta(index, "input_json_delta", "partial_json", piece));
            }

            events.Add(BlockStop(index));
        }

        events.Add(FakeWire.Sse("message_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", StopReason(answer));
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", answer.OutputTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
        events.Add(Terminator);
        return events;
    }

    public static readonly byte[] Terminator = FakeWire.Sse("message_stop", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "message_stop");
        w.WriteEndObject();
    });

    public static byte[] ErrorEvent(string type, string message) => FakeWire.Sse("error", ErrorBody(type, message));

    public static byte[] ErrorBody(string type, string message) => FakeWire.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Message(FakeAnswer answer, string model) => FakeWire.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", "msg_fake01");
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        if (answer.Thinking is { } thinking)
        {
            w.WriteStartObject();
            w.WriteString("type", "thinking");
            w.WriteString("thinking", thinking);
            w.WriteString("signature", "EqQB");
            w.WriteEndObject();
        }

        if (answer.Text.Length > 0)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", answer.Text);
            w.WriteEndObject();
        }

        if (answer.ToolCall is { } call)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", call.Id ?? "toolu_fake01");
            w.WriteString("name", call.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(call.ArgumentsJson);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", StopReason(answer));
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", answer.InputTokens - answer.CachedTokens);
        w.WriteNumber("cache_read_input_tokens", answer.CachedTokens);
        w.WriteNumber("output_tokens", answer.OutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string StopReason(FakeAnswer answer) =>
        answer.StopForLength ? "max_tokens" : answer.ToolCall is not null ? "tool_use" : "end_turn";

    private static byte[] BlockStart(int index, Action<Utf8JsonWriter> block) => FakeWire.Sse("content_block_start", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        block(w);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] Delta(int index, string type, string field, string value) => FakeWire.Sse("content_block_delta", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] BlockStop(int index) => FakeWire.Sse("content_block_stop", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_stop");
        w.WriteNumber("index", index);
        w.WriteEndObject();
    });
}
