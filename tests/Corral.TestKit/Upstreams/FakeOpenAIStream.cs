using System.Text.Json;

namespace Corral.TestKit.Upstreams;

/// <summary>OpenAI's Chat Completions as the fake speaks it: <c>data:</c> chunks ending <c>data: [DONE]</c>, the usage
/// chunk only when <c>stream_options.include_usage</c> asked for it, and the non-streamed completion and error bodies.</summary>
internal static class FakeOpenAIStream
{
    public static readonly byte[] Terminator = "data: [DONE]\n\n"u8.ToArray();

    public static List<byte[]> Events(FakeAnswer answer, string model, bool includeUsage)
    {
        var events = new List<byte[]> { Chunk(model, w => { w.WriteString("role", "assistant"); w.WriteString("content", ""); }, null) };
        foreach (var piece in FakeAnswer.Split(answer.Thinking ?? "", answer.CharsPerDelta))
        {
            events.Add(Chunk(model, w => w.WriteString("reasoning_content", piece), null));
        }

        foreach (var piece in answer.TextDeltas())
        {
            events.Add(Chunk(model, w => w.WriteString("content", piece), null));
        }

        if (answer.ToolCall is { } call)
        {
            events.Add(Chunk(model, w => ToolCall(w, call, ""), null));
            foreach (var piece in FakeWire.Fragments(call.ArgumentsJson, answer.ArgumentFragments))
            {
                events.Add(Chunk(model, w => ToolCall(w, null, piece), null));
            }
        }

        events.Add(Chunk(model, _ => { }, FinishReason(answer)));
        if (includeUsage)
        {
            events.Add(FakeWire.Sse(null, w =>
            {
                Header(w, model);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                Usage(w, answer);
                w.WriteEndObject();
            }));
        }

        events.Add(Terminator);
        return events;
    }

    public static byte[] ErrorBody(string? type, string message, string? code) => FakeWire.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        w.WriteNull("param");
        if (code is null)
        {
            w.WriteNull("code");
        }
        else
        {
            w.WriteString("code", code);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] ErrorEvent(string type, string message) => FakeWire.Sse(null, ErrorBody(type, message, type));

    public static byte[] Completion(FakeAnswer answer, string model) => FakeWire.Json(w =>
    {
        Header(w, model, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", answer.Text);
        if (answer.Thinking is { } thinking)
        {
            w.WriteString("reasoning_content", thinking);
        }

        if (answer.ToolCall is { } call)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteString("id", call.Id ?? "call_fake01");
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", call.ArgumentsJson);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteString("finish_reason", FinishReason(answer));
        w.WriteEndObject();
        w.WriteEndArray();
        Usage(w, answer);
        w.WriteEndObject();
    });

    private static string FinishReason(FakeAnswer answer) =>
        answer.StopForLength ? "length" : answer.ToolCall is not null ? "tool_calls" : "stop";

    private static void Header(Utf8JsonWriter w, string model, string type = "chat.completion.chunk")
    {
        w.WriteStartObject();
        w.WriteString("id", "chatcmpl-fake01");
        w.WriteString("object", type);
        w.WriteNumber("created", 1_700_000_000);
        w.WriteString("model", model);
        w.WriteNull("system_fingerprint");
    }

    private static void Usage(Utf8JsonWriter w, FakeAnswer answer)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", answer.InputTokens);
        w.WriteNumber("completion_tokens", answer.OutputTokens);
        w.WriteNumber("total_tokens", answer.InputTokens + answer.OutputTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", answer.CachedTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static byte[] Chunk(string model, Action<Utf8JsonWriter> delta, string? finishReason) => FakeWire.Sse(null, w =>
    {
        Header(w, model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNull("usage");
        w.WriteEndObject();
    });

    private static void ToolCall(Utf8JsonWriter w, FakeToolCall? first, string arguments)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        if (first is not null)
        {
            w.WriteString("id", first.Id ?? "call_fake01");
            w.WriteString("type", "function");
        }

        w.WriteStartObject("function");
        if (first is not null)
        {
            w.WriteString("name", first.Name);
        }

        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
