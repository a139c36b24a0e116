using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>
/// Turns native chat chunks into OpenAI stream chunks, one native chunk at a time: a first chunk with
/// <c>delta.role</c>, reasoning and content in separate chunks, each tool call as a chunk with index, id, type and name
/// (empty arguments) followed by chunks carrying only the index and an argument fragment (<see cref="ArgumentFragments"/>),
/// as OpenAI streams them, a final chunk with an empty delta and the finish reason, and (with
/// <c>stream_options.include_usage</c>) a usage chunk with no choices.
/// </summary>
public sealed class ChatStreamMapper(string id, long created, bool includeUsage)
{
    private bool _started;
    private int _toolCalls;

    /// <summary>The chunks for one native chunk (none for an empty one).</summary>
    public IEnumerable<ChatCompletionChunk> Map(ChatResponse native)
    {
        var model = native.Model;
        if (!_started)
        {
            _started = true;
            yield return Chunk(model, new ChatDelta { Role = "assistant", Content = "" });
        }

        if (!string.IsNullOrEmpty(native.Message.Thinking))
        {
            yield return Chunk(model, new ChatDelta { ReasoningContent = native.Message.Thinking, Reasoning = native.Message.Thinking });
        }

        if (native.Message.Content.Length > 0 || native.Logprobs is not null)
        {
            yield return Chunk(model, new ChatDelta { Content = native.Message.Content }, ChatResponseMapper.Logprobs(native.Logprobs));
        }

        if (native.Message.ToolCalls is { Length: > 0 } calls)
        {
            foreach (var call in ChatResponseMapper.ToolCalls(calls, _toolCalls))
            {
                yield return Chunk(model, new ChatDelta
                {
                    ToolCalls = [call with { Function = new ResponseToolCallFunction { Name = call.Function.Name, Arguments = "" } }],
                });
                foreach (var fragment in ArgumentFragments.Split(call.Function.Arguments ?? ""))
                {
                    yield return Chunk(model, new ChatDelta
                    {
                        ToolCalls = [new ResponseToolCall { Index = call.Index, Function = new ResponseToolCallFunction { Arguments = fragment } }],
                    });
                }
            }

            _toolCalls += calls.Length;
        }

        if (native.Done)
        {
            yield return Chunk(model, new ChatDelta(), finishReason: ChatResponseMapper.FinishReason(native.DoneReason, _toolCalls > 0),
                corralStopReason: ChatResponseMapper.CorralStopReason(native.DoneReason));
            if (includeUsage)
            {
                yield return new ChatCompletionChunk { Id = id, Created = created, Model = model, Usage = ChatResponseMapper.UsageOf(native) };
            }
        }
    }

    private ChatCompletionChunk Chunk(
        string model, ChatDelta delta, ChatLogprobs? logprobs = null, string? finishReason = null, string? corralStopReason = null) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChunkChoice { Delta = delta, Logprobs = logprobs, FinishReason = finishReason, CorralStopReason = corralStopReason }],
    };
}
