using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

/// <summary>Byte-exact Responses SSE transcripts built from hand-made native chunk sequences.</summary>
public sealed class ResponsesTranscriptTests
{
    private static readonly ResponseObject Template = new() { Model = "m", Temperature = 1.0, TopP = 1.0 };

    private const string Echo = ""","parallel_tool_calls":true,"store":false,"temperature":1,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1,"truncation":"disabled""" + "\"";

    private static ChatResponse Chunk(string content = "", string? thinking = null, ToolCall[]? calls = null) =>
        new() { Model = "m", Message = new Message { Role = "assistant", Content = content, Thinking = thinking, ToolCalls = calls } };

    private static ChatResponse Done(string reason, int prompt = 5, int eval = 2, int? cached = null) =>
        new() { Model = "m", Done = true, DoneReason = reason, PromptEvalCount = prompt, EvalCount = eval, PromptCacheCount = cached };

    private static string Transcript(params ChatResponse[] natives)
    {
        var mapper = new ResponsesStreamMapper("resp_1", 7, Template, prefix => prefix + "_1");
        return ResponsesStreamMapper.Transcript(natives.SelectMany(mapper.Map));
    }

    private static string Ev(string type, int seq, string rest) =>
        $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{seq}{rest}}}\n\n";

    private static string Resp(string status, string output = "", string extra = "", string usage = "") =>
        ""","response":{"id":"resp_1","object":"response","created_at":7,"status":""" + "\"" + status + "\"" + extra +
        ""","model":"m","output":[""" + output + "]" + Echo + usage + ""","metadata":{}}""";

    private static string Usage(int cached = 0) =>
        ""","usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":""" + cached +
        """},"output_tokens":2,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":7}""";

    private static string Start => Ev("response.created", 0, Resp("in_progress")) + Ev("response.in_progress", 1, Resp("in_progress"));

    [Fact]
    public void Text_MessageItem_DeltasThenDone_Completed()
    {
        var text = Transcript(Chunk("Hé"), Chunk(" \"x\""), Done("stop", cached: 1));
        const string message = """{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hé \"x\"","annotations":[]}]}""";
        var expected = Start +
            Ev("response.output_item.added", 2, ""","output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}""") +
            Ev("response.content_part.added", 3, ""","output_index":0,"item_id":"msg_1","content_index":0,"part":{"type":"output_text","text":"","annotations":[]}""") +
            Ev("response.output_text.delta", 4, ""","output_index":0,"item_id":"msg_1","content_index":0,"delta":"Hé","logprobs":[]""") +
            Ev("response.output_text.delta", 5, ""","output_index":0,"item_id":"msg_1","content_index":0,"delta":" \"x\"","logprobs":[]""") +
            Ev("response.output_text.done", 6, ""","output_index":0,"item_id":"msg_1","content_index":0,"text":"Hé \"x\"","logprobs":[]""") +
            Ev("response.content_part.done", 7, ""","output_index":0,"item_id":"msg_1","content_index":0,"part":{"type":"output_text","text":"Hé \"x\"","annotations":[]}""") +
            Ev("response.output_item.done", 8, ""","output_index":0,"item":""" + message) +
            Ev("response.completed", 9, Resp("completed", message, usage: Usage(1)));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void ReasoningThenText_TwoItems_LengthIsIncomplete()
    {
        var text = Transcript(Chunk(thinking: "h"), Chunk(thinking: "m"), Chunk("ok"), Done("length"));
        const string reasoning = """{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"hm"}]}""";
        const string message = """{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"ok","annotations":[]}]}""";
        var expected = Start +
            Ev("response.output_item.added", 2, ""","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}""") +
            Ev("response.reasoning_summary_part.added", 3, ""","output_index":0,"item_id":"rs_1","summary_index":0,"part":{"type":"summary_text","text":""}""") +
            Ev("response.reasoning_summary_text.delta", 4, ""","output_index":0,"item_id":"rs_1","summary_index":0,"delta":"h""" + "\"") +
            Ev("response.reasoning_summary_text.delta", 5, ""","output_index":0,"item_id":"rs_1","summary_index":0,"delta":"m""" + "\"") +
            Ev("response.reasoning_summary_text.done", 6, ""","output_index":0,"item_id":"rs_1","summary_index":0,"text":"hm""" + "\"") +
            Ev("response.reasoning_summary_part.done", 7, ""","output_index":0,"item_id":"rs_1","summary_index":0,"part":{"type":"summary_text","text":"hm"}""") +
            Ev("response.output_item.done", 8, ""","output_index":0,"item":""" + reasoning) +
            Ev("response.output_item.added", 9, ""","output_index":1,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}""") +
            Ev("response.content_part.added", 10, ""","output_index":1,"item_id":"msg_1","content_index":0,"part":{"type":"output_text","text":"","annotations":[]}""") +
            Ev("response.output_text.delta", 11, ""","output_index":1,"item_id":"msg_1","content_index":0,"delta":"ok","logprobs":[]""") +
            Ev("response.output_text.done", 12, ""","output_index":1,"item_id":"msg_1","content_index":0,"text":"ok","logprobs":[]""") +
            Ev("response.content_part.done", 13, ""","output_index":1,"item_id":"msg_1","content_index":0,"part":{"type":"output_text","text":"ok","annotations":[]}""") +
            Ev("response.output_item.done", 14, ""","output_index":1,"item":""" + message) +
            Ev("response.incomplete", 15, Resp("incomplete", reasoning + "," + message, ""","incomplete_details":{"reason":"max_output_tokens"}""", Usage()));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void FunctionCall_AddedArgumentsDone_Completed()
    {
        var args = JsonDocument.Parse("""{"city":"Paris"}""").RootElement;
        var text = Transcript(Chunk(calls: [new ToolCall { Id = "call_a", Function = new ToolCallFunction { Name = "weather", Arguments = args } }]), Done("stop"));
        const string call = """{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_a","name":"weather","arguments":"{\"city\":\"Paris\"}"}""";
        var expected = Start +
            Ev("response.output_item.added", 2, ""","output_index":0,"item":{"id":"fc_1","type":"function_call","status":"in_progress","call_id":"call_a","name":"weather","arguments":""}""") +
            Ev("response.function_call_arguments.delta", 3, ""","output_index":0,"item_id":"fc_1","delta":"{\"city\":\"Paris\"}""" + "\"") +
            Ev("response.function_call_arguments.done", 4, ""","output_index":0,"item_id":"fc_1","arguments":"{\"city\":\"Paris\"}""" + "\"") +
            Ev("response.output_item.done", 5, ""","output_index":0,"item":""" + call) +
            Ev("response.completed", 6, Resp("completed", call, usage: Usage()));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Failure_AfterStart_IsResponseFailed()
    {
        var mapper = new ResponsesStreamMapper("resp_1", 7, Template, prefix => prefix + "_1");
        _ = mapper.Map(Chunk("a")).ToList();
        var failed = mapper.Fail("server_error", "boom");
        Assert.Equal("response.failed", failed.Type);
        Assert.Equal(5, failed.SequenceNumber);
        Assert.Equal("failed", failed.Response!.Status);
        Assert.Equal("boom", failed.Response.Error!.Message);
    }

    [Fact]
    public void NonStreaming_FoldedAnswer_ReasoningMessageAndCall()
    {
        var args = JsonDocument.Parse("""{"n":1}""").RootElement;
        var folded = Done("stop") with
        {
            Message = new Message { Role = "assistant", Content = "hi", Thinking = "t", ToolCalls = [new ToolCall { Id = "call_b", Function = new ToolCallFunction { Name = "count", Arguments = args } }] },
        };
        var response = ResponsesStreamMapper.ToResponse(folded, "resp_2", 9, Template, prefix => prefix + "_1");
        var json = JsonSerializer.Serialize(response, OpenAIJsonContext.Wire.ResponseObject);
        Assert.Equal(
            """{"id":"resp_2","object":"response","created_at":9,"status":"completed","model":"m","output":[""" +
            """{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"t"}]},""" +
            """{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"hi","annotations":[]}]},""" +
            """{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_b","name":"count","arguments":"{\"n\":1}"}]""" +
            Echo + Usage() + ""","metadata":{}}""",
            json);
    }
}
