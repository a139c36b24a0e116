using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

/// <summary>Byte-exact SSE transcripts built from hand-made native chunk sequences.</summary>
public sealed class ChatStreamTranscriptTests
{
    private const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","system_fingerprint":"fp_corral","choices":[""";

    private static ChatResponse Chunk(string content = "", string? thinking = null, ToolCall[]? calls = null) =>
        new() { Model = "m", Message = new Message { Role = "assistant", Content = content, Thinking = thinking, ToolCalls = calls } };

    private static ChatResponse Done(string reason, int prompt = 5, int eval = 3, int? cached = null) =>
        new() { Model = "m", Done = true, DoneReason = reason, PromptEvalCount = prompt, EvalCount = eval, PromptCacheCount = cached };

    private static string Transcript(bool includeUsage, params ChatResponse[] natives)
    {
        var mapper = new ChatStreamMapper("chatcmpl-1", 7, includeUsage);
        return Sse.Transcript(natives.SelectMany(mapper.Map), OpenAIJsonContext.Wire.ChatCompletionChunk);
    }

    private static string Event(string choice) => "data: " + Head + choice + "]}\n\n";

    [Fact]
    public void ReasoningThenContent_WithUsageChunk()
    {
        var text = Transcript(true, Chunk(thinking: "hm"), Chunk("Hé \"x\""), Done("stop", cached: 2));
        var expected =
            Event("""{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"reasoning_content":"hm","reasoning":"hm"},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"content":"Hé \"x\""},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{},"finish_reason":"stop"}""") +
            "data: " + Head + """],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8,"prompt_tokens_details":{"cached_tokens":2}}}""" + "\n\n" +
            "data: [DONE]\n\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void TwoToolCalls_IdAndNameFirst_ThenArguments_FinishToolCalls()
    {
        var args1 = JsonDocument.Parse("""{"city":"Paris"}""").RootElement;
        var args2 = JsonDocument.Parse("""{"n":1}""").RootElement;
        var text = Transcript(false,
            Chunk(calls: [new ToolCall { Id = "call_a", Function = new ToolCallFunction { Name = "weather", Arguments = args1 } }]),
            Chunk(calls: [new ToolCall { Id = "call_b", Function = new ToolCallFunction { Name = "count", Arguments = args2 } }]),
            Done("stop"));
        var expected =
            Event("""{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":""}}]},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"count","arguments":""}}]},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"n\":1}"}}]},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{},"finish_reason":"tool_calls"}""") +
            "data: [DONE]\n\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void LengthFinish_PassesThrough_AndNoUsageChunkUnlessAsked()
    {
        var text = Transcript(false, Chunk("a"), Chunk("b"), Done("length"));
        var expected =
            Event("""{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"content":"a"},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{"content":"b"},"finish_reason":null}""") +
            Event("""{"index":0,"delta":{},"finish_reason":"length"}""") +
            "data: [DONE]\n\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Folded_ToolCallsAndReasoning()
    {
        var folded = new ChatResponse
        {
            Model = "m", Done = true, DoneReason = "stop", PromptEvalCount = 4, EvalCount = 6,
            Message = new Message { Role = "assistant", Thinking = "t", ToolCalls = [new ToolCall { Function = new ToolCallFunction { Name = "f", Arguments = JsonDocument.Parse("{}").RootElement } }] },
        };
        var json = JsonSerializer.Serialize(ChatResponseMapper.ToCompletion(folded, "chatcmpl-1", 7), OpenAIJsonContext.Wire.ChatCompletion);
        var doc = JsonDocument.Parse(json).RootElement;
        var choice = doc.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        Assert.Equal("t", choice.GetProperty("message").GetProperty("reasoning_content").GetString());
        Assert.Equal("t", choice.GetProperty("message").GetProperty("reasoning").GetString());
        var call = choice.GetProperty("message").GetProperty("tool_calls")[0];
        Assert.StartsWith("call_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("{}", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(10, doc.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal("chat.completion", doc.GetProperty("object").GetString());
    }
}
