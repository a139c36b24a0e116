using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>
/// Turns native chat chunks into Responses stream events, one native chunk at a time:
/// <c>response.created</c>, <c>response.in_progress</c>; thinking as a <c>reasoning</c> item
/// (<c>output_item.added</c>, <c>reasoning_summary_part.added</c>, <c>reasoning_summary_text.delta</c>…,
/// <c>reasoning_summary_text.done</c>, <c>reasoning_summary_part.done</c>, <c>output_item.done</c>); content as a
/// <c>message</c> item (<c>output_item.added</c>, <c>content_part.added</c>, <c>output_text.delta</c>…,
/// <c>output_text.done</c>, <c>content_part.done</c>, <c>output_item.done</c>); each tool call as a
/// <c>function_call</c> item (<c>output_item.added</c>, <c>function_call_arguments.delta</c>… with argument fragments,
/// <c>function_call_arguments.done</c>, <c>output_item.done</c>); and finally <c>response.completed</c> (or
/// <c>response.incomplete</c> when <c>max_output_tokens</c> cut it short). <see cref="Response"/> is the folded result.
/// </summary>
public sealed class ResponsesStreamMapper
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Func<string, string> _newId;
    private readonly List<ResponseOutputItem> _output = [];
    private ResponseObject _response;
    private int _sequence;
    private bool _started;
    private ResponseOutputItem? _open;
    private readonly StringBuilder _text = new();

    /// <param name="template">Echoed request fields (<see cref="MappedResponsesRequest.Template"/>).</param>
    /// <param name="newId">Item ids from a prefix (<c>msg</c>, <c>rs</c>, <c>fc</c>); random by default.</param>
    public ResponsesStreamMapper(string id, long createdAt, ResponseObject template, Func<string, string>? newId = null)
    {
        _newId = newId ?? (prefix => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 24));
        _response = template with { Id = id, CreatedAt = createdAt, Status = "in_progress", Output = [], Usage = null };
    }

    /// <summary>A fresh <c>resp_...</c> id.</summary>
    public static string NewResponseId() => "resp_" + RandomNumberGenerator.GetString(Alphabet, 24);

    /// <summary>The response as it stands (complete once the final native chunk was mapped).</summary>
    public ResponseObject Response => _response with { Output = _output.ToArray() };

    /// <summary>The events for one native chunk.</summary>
    public IEnumerable<ResponseStreamEvent> Map(ChatResponse native)
    {
        var events = new List<ResponseStreamEvent>();
        if (!_started)
        {
            _started = true;
            if (native.Model.Length > 0)
            {
                _response = _response with { Model = native.Model };
            }

            events.Add(Event("response.created", response: Response));
            events.Add(Event("response.in_progress", response: Response));
        }

        if (!string.IsNullOrEmpty(native.Message.Thinking))
        {
            if (_open?.Type != "reasoning")
            {
                Close(events);
                _open = new ResponseOutputItem { Id = _newId("rs"), Type = "reasoning", Summary = [] };
                events.Add(Event("response.output_item.added", item: _open));
                events.Add(Event("response.reasoning_summary_part.added", itemId: _open.Id, summaryIndex: 0, part: Summary("")));
            }

            _text.Append(native.Message.Thinking);
            events.Add(Event("response.reasoning_summary_text.delta", itemId: _open.Id, summaryIndex: 0, delta: native.Message.Thinking));
        }

        if (native.Message.Content.Length > 0)
        {
            if (_open?.Type != "message")
            {
                Close(events);
                _open = new ResponseOutputItem { Id = _newId("msg"), Type = "message", Status = "in_progress", Role = "assistant", Content = [] };
                events.Add(Event("response.output_item.added", item: _open));
                events.Add(Event("response.content_part.added", itemId: _open.Id, contentIndex: 0, part: OutputText("")));
            }

            _text.Append(native.Message.Content);
            events.Add(Event("response.output_text.delta", itemId: _open.Id, contentIndex: 0, delta: native.Message.Content, logprobs: true));
        }

        if (native.Message.ToolCalls is { Length: > 0 } calls)
        {
            Close(events);
            foreach (var call in ChatResponseMapper.ToolCalls(calls, 0))
            {
                var item = new ResponseOutputItem
                {
                    Id = _newId("fc"), Type = "function_call", Status = "in_progress", CallId = call.Id, Name = call.Function.Name, Arguments = "",
                };
                events.Add(Event("response.output_item.added", item: item));
                foreach (var fragment in ArgumentFragments.Split(call.Function.Arguments ?? ""))
                {
                    events.Add(Event("response.function_call_arguments.delta", itemId: item.Id, delta: fragment));
                }

                events.Add(Event("response.function_call_arguments.done", itemId: item.Id, arguments: call.Function.Arguments));
                var done = item with { Status = "completed", Arguments = call.Function.Arguments };
                events.Add(Event("response.output_item.done", item: done));
                _output.Add(done);
            }
        }

        if (native.Done)
        {
            Close(events);
            var incomplete = native.DoneReason is "length" or ChatResponseMapper.DeadlineReason;
            _response = _response with
            {
                Status = incomplete ? "incomplete" : "completed",
                IncompleteDetails = incomplete ? new ResponseIncompleteDetails() : null,
                Usage = UsageOf(native),
            };
            events.Add(Event(incomplete ? "response.incomplete" : "response.completed", response: Response));
        }

        return events;
    }

    /// <summary>The <c>response.failed</c> event for a failure after the stream began.</summary>
    public ResponseStreamEvent Fail(string code, string message)
    {
        _response = _response with { Status = "failed", Error = new ResponseError { Code = code, Message = message } };
        return Event("response.failed", response: Response);
    }

    public static ResponseUsage UsageOf(Metrics metrics)
    {
        var input = metrics.PromptEvalCount ?? 0;
        var output = metrics.EvalCount ?? 0;
        return new ResponseUsage
        {
            InputTokens = input,
            InputTokensDetails = new ResponseInputTokensDetails { CachedTokens = metrics.PromptCacheCount ?? 0 },
            OutputTokens = output,
            TotalTokens = input + output,
        };
    }

    /// <summary>A whole response from a folded native answer (the non-streaming form).</summary>
    public static ResponseObject ToResponse(ChatResponse folded, string id, long createdAt, ResponseObject template, Func<string, string>? newId = null)
    {
        var mapper = new ResponsesStreamMapper(id, createdAt, template, newId);
        _ = mapper.Map(folded with { Done = true }).Count();
        return mapper.Response;
    }

    /// <summary>One event framed as OpenAI streams Responses: <c>event: type\ndata: {json}\n\n</c>.</summary>
    public static byte[] Frame(ResponseStreamEvent value, JsonTypeInfo<ResponseStreamEvent>? type = null)
    {
        var data = Sse.Frame(value, type ?? OpenAIJsonContext.Wire.ResponseStreamEvent);
        var head = Encoding.UTF8.GetBytes("event: " + value.Type + "\n");
        return [.. head, .. data];
    }

    /// <summary>The UTF-8 text of a sequence of events (for transcripts and tests).</summary>
    public static string Transcript(IEnumerable<ResponseStreamEvent> events) =>
        string.Concat(events.Select(e => Encoding.UTF8.GetString(Frame(e))));

    private void Close(List<ResponseStreamEvent> events)
    {
        if (_open is null)
        {
            return;
        }

        var text = _text.ToString();
        ResponseOutputItem done;
        if (_open.Type == "reasoning")
        {
            events.Add(Event("response.reasoning_summary_text.done", itemId: _open.Id, summaryIndex: 0, text: text));
            events.Add(Event("response.reasoning_summary_part.done", itemId: _open.Id, summaryIndex: 0, part: Summary(text)));
            done = _open with { Summary = [Summary(text)] };
        }
        else
        {
            events.Add(Event("response.output_text.done", itemId: _open.Id, contentIndex: 0, text: text, logprobs: true));
            events.Add(Event("response.content_part.done", itemId: _open.Id, contentIndex: 0, part: OutputText(text)));
            done = _open with { Status = "completed", Content = [OutputText(text)] };
        }

        events.Add(Event("response.output_item.done", item: done));
        _output.Add(done);
        _open = null;
        _text.Clear();
    }

    private static ResponseContentPart OutputText(string text) => new() { Type = "output_text", Text = text, Annotations = [] };

    private static ResponseContentPart Summary(string text) => new() { Type = "summary_text", Text = text };

    private ResponseStreamEvent Event(string type, ResponseObject? response = null, ResponseOutputItem? item = null, string? itemId = null,
        int? contentIndex = null, int? summaryIndex = null, ResponseContentPart? part = null, string? delta = null, string? text = null,
        string? arguments = null, bool logprobs = false) => new()
    {
        Type = type,
        SequenceNumber = _sequence++,
        Response = response,
        OutputIndex = response is null ? _output.Count : null,
        ItemId = itemId,
        ContentIndex = contentIndex,
        SummaryIndex = summaryIndex,
        Item = item,
        Part = part,
        Delta = delta,
        Text = text,
        Arguments = arguments,
        Logprobs = logprobs ? [] : null,
    };
}
