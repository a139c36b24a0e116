using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

/// <summary>tool_use ids are Anthropic's <c>toolu_…</c> whatever id the native call carries (Corral's output parser
/// names calls <c>call_…</c>, as Ollama does); an id already in Anthropic's form is kept.</summary>
public sealed class ToolUseIdTests
{
    private static ToolCall Call(string? id) => new() { Id = id, Function = new ToolCallFunction { Name = "f", Arguments = JsonSerializer.SerializeToElement(new { }) } };

    private static ChatResponse Folded(ToolCall call) =>
        new() { Message = new Message { Role = "assistant", Content = "", ToolCalls = [call] }, Done = true, DoneReason = "stop" };

    private static string MessageId(ToolCall call) =>
        Assert.Single(ResponseMapper.ToMessage(Folded(call), "msg_1", "m").Content).Id!;

    private static string StreamedId(ToolCall call)
    {
        var mapper = new StreamMapper("msg_1", "m");
        _ = mapper.Start().ToList();
        var start = mapper.Next(new ChatResponse { Message = Folded(call).Message }).Select(e => e.ToString()).First(e => e.Contains("content_block_start", StringComparison.Ordinal));
        var data = JsonDocument.Parse(start[(start.IndexOf("data: ", StringComparison.Ordinal) + 6)..].Trim()).RootElement;
        return data.GetProperty("content_block").GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData("call_16kkik0w")]
    [InlineData(null)]
    [InlineData("")]
    public void NativeOrMissingId_BecomesAToolUseId(string? native)
    {
        foreach (var id in new[] { MessageId(Call(native)), StreamedId(Call(native)) })
        {
            Assert.StartsWith("toolu_", id, StringComparison.Ordinal);
            Assert.Equal(30, id.Length);
        }
    }

    [Fact]
    public void AnthropicId_IsKept()
    {
        Assert.Equal("toolu_01ABC", MessageId(Call("toolu_01ABC")));
        Assert.Equal("toolu_01ABC", StreamedId(Call("toolu_01ABC")));
    }
}
