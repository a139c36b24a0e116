using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

/// <summary><c>stop_reason: stop_sequence</c> from the native <c>done_stop_sequence</c>, and <c>output_config.format</c>.</summary>
public sealed class StopSequenceAndFormatTests
{
    private static ChatResponse Folded(string? stop) => new()
    {
        Done = true, DoneReason = "stop", DoneStopSequence = stop, PromptEvalCount = 3, EvalCount = 2,
        Message = new Message { Role = "assistant", Content = "Once" },
    };

    private static ChatRequest Map(string json) =>
        RequestMapper.ToChat(JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!);

    [Fact]
    public void RequestedStopSequence_IsReported_WithTheOneThatMatched()
    {
        var message = ResponseMapper.ToMessage(Folded("END"), "msg_1", "m", stopSequences: ["###", "END"]);
        Assert.Equal(("stop_sequence", "END"), (message.StopReason, message.StopSequence));
        var json = JsonSerializer.Serialize(message, AnthropicJsonContext.Wire.MessagesResponse);
        Assert.Contains("\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AStopTheRequestDidNotAskFor_OrNoStop_IsEndTurn()
    {
        // The model's own stop parameters (e.g. "<|im_end|>") end the turn: that is not a client stop sequence.
        Assert.Equal(("end_turn", (string?)null), Reason(ResponseMapper.ToMessage(Folded("<|im_end|>"), "msg_1", "m", stopSequences: ["END"])));
        Assert.Equal(("end_turn", (string?)null), Reason(ResponseMapper.ToMessage(Folded(null), "msg_1", "m", stopSequences: ["END"])));
        Assert.Equal(("end_turn", (string?)null), Reason(ResponseMapper.ToMessage(Folded("END"), "msg_1", "m")));
        Assert.Equal(("max_tokens", (string?)null), Reason(ResponseMapper.ToMessage(Folded(null) with { DoneReason = "length" }, "msg_1", "m", stopSequences: ["END"])));
    }

    [Fact]
    public void Stream_MessageDelta_CarriesTheStopSequence()
    {
        var mapper = new StreamMapper("msg_1", "m", stopSequences: ["END"]);
        var chunk = new ChatResponse { Message = new Message { Role = "assistant", Content = "Once" } };
        var events = mapper.Start().Concat(mapper.Next(chunk)).Concat(mapper.Next(Folded("END") with { Message = new Message { Role = "assistant" } })).ToArray();
        var delta = Assert.Single(events, e => e.Name == "message_delta");
        Assert.Contains("\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"}", delta.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputConfigFormat_BecomesTheNativeFormat()
    {
        var chat = Map("""{"model":"m","max_tokens":8,"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"string"}}}}},"messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal("object", chat.Format!.Value.GetProperty("type").GetString());

        Assert.Null(Map("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"x"}]}""").Format);
    }

    [Theory]
    [InlineData("""{"type":"xml"}""", "output_config.format.type")]
    [InlineData("""{"type":"json_schema"}""", "output_config.format.schema")]
    public void OutputConfigFormat_Invalid_IsRefusedNamingTheField(string format, string param)
    {
        var e = Assert.Throws<ProtocolException>(() => Map($$"""{"model":"m","max_tokens":8,"output_config":{"format":{{format}}},"messages":[{"role":"user","content":"x"}]}"""));
        Assert.Equal(param, e.Param);
    }

    private static (string?, string?) Reason(MessagesResponse message) => (message.StopReason, message.StopSequence);
}
