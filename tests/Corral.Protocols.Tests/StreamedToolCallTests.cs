using System.Text;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests;

/// <summary>Tool calls streamed as the vendors stream them: id and name first, then the arguments in fragments.</summary>
public sealed class StreamedToolCallTests
{
    private const string LongArguments = """{"city":"Paris, Île-de-France, France","unit":"celsius","days":3}""";

    private static ChatResponse Call(string arguments = LongArguments) => new()
    {
        Model = "m",
        Message = new Message
        {
            Role = "assistant",
            Content = "",
            ToolCalls = [new ToolCall { Id = "call_a", Function = new ToolCallFunction { Name = "weather", Arguments = JsonDocument.Parse(arguments).RootElement } }],
        },
    };

    private static readonly ChatResponse Done = new() { Model = "m", Done = true, DoneReason = "stop", PromptEvalCount = 5, EvalCount = 9 };

    [Fact]
    public void Fragments_AreBounded_InOrder_AndNeverSplitASurrogatePair()
    {
        var text = new string('a', 31) + "😀" + new string('b', 40);
        var fragments = ArgumentFragments.Split(text).ToArray();
        Assert.Equal(text, string.Concat(fragments));
        Assert.All(fragments, f => Assert.InRange(f.Length, 1, ArgumentFragments.Size));
        Assert.All(fragments, f => Assert.False(char.IsHighSurrogate(f[^1])));
        Assert.Equal([""], ArgumentFragments.Split(""));
        Assert.Equal(["{}"], ArgumentFragments.Split("{}"));
    }

    [Fact]
    public void ChatCompletions_FirstChunkHasIdAndNameWithEmptyArguments_ThenOnlyFragments()
    {
        var mapper = new ChatStreamMapper("chatcmpl-1", 7, includeUsage: false);
        var chunks = new[] { Call(), Done }.SelectMany(mapper.Map).ToArray();
        var calls = chunks.Where(c => c.Choices![0].Delta.ToolCalls is not null)
            .Select(c => Assert.Single(c.Choices![0].Delta.ToolCalls!)).ToArray();
        Assert.Equal("tool_calls", chunks[^1].Choices![0].FinishReason);

        var head = calls[0];
        Assert.Equal((0, "call_a", "function", "weather", ""), (head.Index, head.Id, head.Type, head.Function.Name, head.Function.Arguments));
        var rest = calls[1..];
        Assert.True(rest.Length >= 2, $"{rest.Length} argument chunks");
        Assert.All(rest, c => Assert.Equal((0, null, null, null), (c.Index, c.Id, c.Type, c.Function.Name)));
        Assert.Equal(JsonDocument.Parse(LongArguments).RootElement.GetRawText(), string.Concat(rest.Select(c => c.Function.Arguments)));

        var json = Sse.Transcript(chunks, OpenAIJsonContext.Wire.ChatCompletionChunk);
        Assert.Contains("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_FunctionCallItem_ThenArgumentDeltas_ThenDoneWithTheWholeArguments()
    {
        var mapper = new ResponsesStreamMapper("resp_1", 7, new ResponseObject { Model = "m" }, prefix => prefix + "_1");
        var events = new[] { Call(), Done }.SelectMany(mapper.Map).ToArray();
        var types = events.Select(e => e.Type).ToArray();
        var added = Array.FindIndex(types, t => t == "response.output_item.added");
        Assert.Equal("function_call", events[added].Item!.Type);
        Assert.Equal(("call_a", "weather", ""), (events[added].Item!.CallId, events[added].Item!.Name, events[added].Item!.Arguments));
        var deltas = events.Where(e => e.Type == "response.function_call_arguments.delta").ToArray();
        Assert.True(deltas.Length >= 2, $"{deltas.Length} deltas");
        Assert.All(deltas, d => Assert.Equal("fc_1", d.ItemId));
        var whole = string.Concat(deltas.Select(d => d.Delta));
        Assert.Equal(JsonDocument.Parse(LongArguments).RootElement.GetRawText(), whole);
        var done = Assert.Single(events, e => e.Type == "response.function_call_arguments.done");
        Assert.Equal(whole, done.Arguments);
        Assert.True(Array.IndexOf(events, done) > Array.IndexOf(events, deltas[^1]));
        Assert.Equal(whole, Assert.Single(mapper.Response.Output!).Arguments);
        Assert.Equal("response.completed", types[^1]);
    }

    [Fact]
    public void Anthropic_ToolUseStartsWithEmptyInput_ThenPartialJsonFragments()
    {
        var mapper = new StreamMapper("msg_1", "m", () => "toolu_1");
        var events = mapper.Start().Concat(mapper.Next(Call())).Concat(mapper.Next(Done)).ToArray();
        var names = events.Select(e => e.Name).ToArray();
        var start = Array.IndexOf(names, "content_block_start");
        Assert.Contains("\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{}}", events[start].Data, StringComparison.Ordinal);
        var partial = new StringBuilder();
        var fragments = 0;
        for (var i = start + 1; names[i] == "content_block_delta"; i++)
        {
            var delta = JsonDocument.Parse(events[i].Data).RootElement.GetProperty("delta");
            Assert.Equal("input_json_delta", delta.GetProperty("type").GetString());
            partial.Append(delta.GetProperty("partial_json").GetString());
            fragments++;
        }

        Assert.True(fragments >= 2, $"{fragments} fragments");
        Assert.Equal("Paris, Île-de-France, France", JsonDocument.Parse(partial.ToString()).RootElement.GetProperty("city").GetString());
        Assert.Equal("content_block_stop", names[start + 1 + fragments]);
        Assert.Contains("\"stop_reason\":\"tool_use\"", events[^2].Data, StringComparison.Ordinal);
    }
}
