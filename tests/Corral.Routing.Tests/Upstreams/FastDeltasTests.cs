using System.Text;
using System.Text.Json;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

public sealed class FastDeltasTests
{
    [Theory]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""", "Hi", false)]
    [InlineData("""{"type":"content_block_delta","index":1,"delta":{"type":"thinking_delta","thinking":"hm"}}""", "hm", true)]
    [InlineData("""{"delta":{"text":"Yo","type":"text_delta"},"index":0,"type":"content_block_delta"}""", "Yo", false)]
    public void Anthropic_text_and_thinking_deltas_take_the_fast_path(string json, string text, bool thinking)
    {
        Assert.True(FastDeltas.TryAnthropic(Encoding.UTF8.GetBytes(json), out var t, out var isThinking));
        Assert.Equal(text, t);
        Assert.Equal(thinking, isThinking);
    }

    [Theory]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a"}}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"x"}}""")]
    [InlineData("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}""")]
    [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]
    public void Other_anthropic_events_take_the_dto_path(string json) =>
        Assert.False(FastDeltas.TryAnthropic(Encoding.UTF8.GetBytes(json), out _, out _));

    [Theory]
    [InlineData("""{"id":"x","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null}""", "Hi", null)]
    [InlineData("""{"choices":[{"index":0,"delta":{"reasoning_content":"r","reasoning":"r"},"finish_reason":null}]}""", null, "r")]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", "", null)]
    public void OpenAI_content_and_reasoning_deltas_take_the_fast_path(string json, string? content, string? reasoning)
    {
        Assert.True(FastDeltas.TryOpenAI(Encoding.UTF8.GetBytes(json), out var c, out var r));
        Assert.Equal(content, c);
        Assert.Equal(reasoning, r);
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"end"},"finish_reason":"stop"}]}""")]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2}}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{"}}]},"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}""")]
    [InlineData("""{"error":{"message":"boom","type":"server_error"}}""")]
    public void Other_openai_chunks_take_the_dto_path(string json) =>
        Assert.False(FastDeltas.TryOpenAI(Encoding.UTF8.GetBytes(json), out _, out _));

    [Fact]
    public void Malformed_json_throws_like_deserialization() =>
        Assert.ThrowsAny<JsonException>(() => FastDeltas.TryOpenAI("{\"choices\":[{"u8, out _, out _));
}
