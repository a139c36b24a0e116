using System.Text;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

/// <summary>Byte-exact SSE transcripts from hand-made native chunk sequences.</summary>
public sealed class StreamMapperTests
{
    private const string Start =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
        + "event: ping\ndata: {\"type\":\"ping\"}\n\n";

    private static ChatResponse Chunk(string content = "", string? thinking = null, ToolCall[]? calls = null) =>
        new() { Message = new Message { Role = "assistant", Content = content, Thinking = thinking, ToolCalls = calls } };

    private static ChatResponse Done(string reason = "stop", int prompt = 7, int eval = 3, int? cached = null) =>
        new() { Done = true, DoneReason = reason, PromptEvalCount = prompt, EvalCount = eval, PromptCacheCount = cached };

    private static string Transcript(params ChatResponse[] chunks)
    {
        var mapper = new StreamMapper("msg_1", "m", () => "toolu_gen");
        var text = new StringBuilder();
        foreach (var e in mapper.Start())
        {
            text.Append(e.ToString());
        }

        foreach (var chunk in chunks)
        {
            foreach (var e in mapper.Next(chunk))
            {
                text.Append(e.ToString());
            }
        }

        return text.ToString();
    }

    [Fact]
    public void TextOnly()
    {
        var expected = Start
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" wörld <\\\">\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":7,\"cache_read_input_tokens\":0,\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Assert.Equal(expected, Transcript(Chunk("Hello"), Chunk(" wörld <\">"), Done()));
    }

    [Fact]
    public void ThinkingThenText()
    {
        var expected = Start
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\" think\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":2,\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Assert.Equal(expected, Transcript(Chunk(thinking: "Let me"), Chunk(thinking: " think"), Chunk("42"), Done(cached: 2)));
    }

    [Fact]
    public void ToolUseWithInputJsonDelta()
    {
        using var args = JsonDocument.Parse("{\"city\":\"Paris\",\"days\":2}");
        var call = new ToolCall { Id = "toolu_abc", Function = new ToolCallFunction { Name = "weather", Arguments = args.RootElement.Clone() } };
        var unnamed = new ToolCall { Function = new ToolCallFunction { Name = "time" } };
        var expected = Start
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_abc\",\"name\":\"weather\",\"input\":{}}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":2}\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_gen\",\"name\":\"time\",\"input\":{}}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":2}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":7,\"cache_read_input_tokens\":0,\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Assert.Equal(expected, Transcript(Chunk("Checking."), Chunk(calls: [call, unnamed]), Done()));
    }

    [Fact]
    public void MaxTokensStop()
    {
        var expected = Start
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Once\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":4,\"cache_read_input_tokens\":0,\"output_tokens\":1}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Assert.Equal(expected, Transcript(Chunk("Once"), Done("length", prompt: 4, eval: 1)));
    }

    [Fact]
    public void EmptyAnswer_HasNoBlocks()
    {
        var expected = Start
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":7,\"cache_read_input_tokens\":0,\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Assert.Equal(expected, Transcript(Done()));
    }

    [Fact]
    public void ErrorEvent()
    {
        Assert.Equal(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"runner crashed\"}}\n\n",
            StreamMapper.Error("api_error", "runner crashed").ToString());
    }
}
