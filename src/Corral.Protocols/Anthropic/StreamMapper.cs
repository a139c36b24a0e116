using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// Turns native chat chunks into Anthropic's SSE sequence: <c>message_start</c>, <c>ping</c>, then per content
/// block <c>content_block_start</c> / <c>content_block_delta</c>… / <c>content_block_stop</c> (a thinking block,
/// text block and each tool call get their own index, in arrival order), then <c>message_delta</c> (stop reason
/// and usage) and <c>message_stop</c>. A tool call arrives whole from the native parser; its input is sent as
/// <c>input_json_delta</c> fragments (<see cref="ArgumentFragments"/>) after a <c>tool_use</c> start with empty input. The prompt size is only known at the end: <c>message_start</c> reports 0 input
/// tokens and <c>message_delta</c> the real counts (the SDKs take them from there).
/// </summary>
/// <param name="stopSequences">The request's <c>stop_sequences</c>: a stop on one of them is reported in <c>message_delta</c>.</param>
public sealed class StreamMapper(string messageId, string model, Func<string>? toolUseId = null, IReadOnlyList<string>? stopSequences = null)
{
    private static readonly AnthropicJsonContext Json = AnthropicJsonContext.Wire;

    private int _index = -1;
    private string? _open;
    private bool _calledTools;

    /// <summary>The opening events, sent once the first native chunk has arrived.</summary>
    public IEnumerable<SseEvent> Start()
    {
        var message = new MessagesResponse
        {
            Id = messageId,
            Model = model,
            Usage = new Usage { InputTokens = 0, CacheCreationInputTokens = 0, CacheReadInputTokens = 0, OutputTokens = 0 },
        };
        yield return Event("message_start", new MessageStartEvent(message), Json.MessageStartEvent);
        yield return Event("ping", new TypeOnlyEvent("ping"), Json.TypeOnlyEvent);
    }

    /// <summary>The events for one native chunk; the final (done) chunk also closes the message.</summary>
    public IEnumerable<SseEvent> Next(ChatResponse chunk)
    {
        var message = chunk.Message;
        if (!string.IsNullOrEmpty(message.Thinking))
        {
            foreach (var e in Delta("thinking", new BlockDelta { Type = "thinking_delta", Thinking = message.Thinking }))
            {
                yield return e;
            }
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            foreach (var e in Delta("text", new BlockDelta { Type = "text_delta", Text = message.Content }))
            {
                yield return e;
            }
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            _calledTools = true;
            foreach (var e in Close())
            {
                yield return e;
            }

            var block = ResponseMapper.ToolUse(call, toolUseId);
            _index++;
            yield return Event("content_block_start", new ContentBlockStartEvent(_index, block with { Input = JsonValues.EmptyObject() }), Json.ContentBlockStartEvent);
            var input = block.Input!.Value.GetRawText();
            foreach (var fragment in ArgumentFragments.Split(input))
            {
                yield return Event("content_block_delta", new ContentBlockDeltaEvent(_index, new BlockDelta { Type = "input_json_delta", PartialJson = fragment }), Json.ContentBlockDeltaEvent);
            }

            yield return Event("content_block_stop", new ContentBlockStopEvent(_index), Json.ContentBlockStopEvent);
        }

        if (!chunk.Done)
        {
            yield break;
        }

        foreach (var e in Close())
        {
            yield return e;
        }

        var (reason, sequence) = StopReasons.From(chunk, _calledTools, stopSequences);
        var delta = new MessageDeltaBody(reason, sequence, OpenAI.ChatResponseMapper.CorralStopReason(chunk.DoneReason));
        yield return Event("message_delta", new MessageDeltaEvent(delta, StopReasons.UsageOf(chunk, 0)), Json.MessageDeltaEvent);
        yield return Event("message_stop", new TypeOnlyEvent("message_stop"), Json.TypeOnlyEvent);
    }

    /// <summary>The <c>error</c> event for a failure after streaming began.</summary>
    public static SseEvent Error(string type, string message) =>
        Event("error", ErrorResponse.Of(type, message), Json.ErrorResponse);

    private IEnumerable<SseEvent> Delta(string kind, BlockDelta delta)
    {
        if (_open != kind)
        {
            foreach (var e in Close())
            {
                yield return e;
            }

            _index++;
            _open = kind;
            var start = kind == "thinking" ? OutputBlock.ForThinking("") : OutputBlock.ForText("");
            yield return Event("content_block_start", new ContentBlockStartEvent(_index, start), Json.ContentBlockStartEvent);
        }

        yield return Event("content_block_delta", new ContentBlockDeltaEvent(_index, delta), Json.ContentBlockDeltaEvent);
    }

    private IEnumerable<SseEvent> Close()
    {
        if (_open is null)
        {
            yield break;
        }

        _open = null;
        yield return Event("content_block_stop", new ContentBlockStopEvent(_index), Json.ContentBlockStopEvent);
    }

    private static SseEvent Event<T>(string name, T value, JsonTypeInfo<T> type) => new(name, JsonSerializer.Serialize(value, type));
}
