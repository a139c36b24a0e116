using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

public sealed class ResponseMapperTests
{
    private static string Serialize(MessagesResponse message) =>
        JsonSerializer.Serialize(message, AnthropicJsonContext.Wire.MessagesResponse);

    [Fact]
    public void ThinkingTextAndToolUse_InOrder()
    {
        using var args = JsonDocument.Parse("{\"q\":1}");
        var folded = new ChatResponse
        {
            Message = new Message
            {
                Role = "assistant",
                Content = "Hi",
                Thinking = "hmm",
                ToolCalls = [new ToolCall { Id = "toolu_1", Function = new ToolCallFunction { Name = "f", Arguments = args.RootElement.Clone() } }],
            },
            Done = true,
            DoneReason = "stop",
            PromptEvalCount = 10,
            PromptCacheCount = 4,
            EvalCount = 5,
        };
        Assert.Equal(
            """{"id":"msg_x","type":"message","role":"assistant","model":"m","content":[{"type":"thinking","thinking":"hmm","signature":""},{"type":"text","text":"Hi"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"q":1}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":6,"cache_read_input_tokens":4,"output_tokens":5}}""",
            Serialize(ResponseMapper.ToMessage(folded, "msg_x", "m")));
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    public void StopReasons(string done, string expected)
    {
        var folded = new ChatResponse { Message = new Message { Role = "assistant", Content = "a" }, Done = true, DoneReason = done };
        Assert.Equal(expected, ResponseMapper.ToMessage(folded, "msg_x", "m").StopReason);
    }

    [Fact]
    public void ErrorShape()
    {
        Assert.Equal(
            """{"type":"error","error":{"type":"not_found_error","message":"model 'x' not found"}}""",
            JsonSerializer.Serialize(Corral.Protocols.Anthropic.ErrorResponse.Of("not_found_error", "model 'x' not found"), AnthropicJsonContext.Wire.ErrorResponse));
    }
}
