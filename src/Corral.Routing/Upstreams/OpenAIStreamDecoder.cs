using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Chat Completions SSE (<c>data: {chunk}</c> … <c>data: [DONE]</c>) → native chunks. Content and reasoning
/// (<c>reasoning_content</c> or <c>reasoning</c>) deltas become chunks as they come; tool-call fragments are gathered
/// by index and the whole calls are emitted when <c>finish_reason</c> arrives (or at <c>[DONE]</c>); the usage chunk
/// (<c>stream_options.include_usage</c>) gives the final chunk's counts, sent at <c>[DONE]</c>.
/// </summary>
internal sealed class OpenAIStreamDecoder(string model, string provider, string? secret, TimeProvider time) : IStreamDecoder
{
    private readonly List<PendingCall> _calls = [];
    private int _emitted;
    private string? _finishReason;
    private int? _prompt;
    private int? _completion;
    private int? _cached;

    public bool Done { get; private set; }

    public ChatResponse? Decode(ReadOnlySpan<byte> line)
    {
        if (!NativeChunks.TryData(line, out var data))
        {
            return null;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            Done = true;
            var reason = _finishReason is "length" ? "length" : "stop";
            return NativeChunks.Final(model, time, reason, _prompt, _completion, _cached, TakeCalls());
        }

        OpenAIStreamChunk? chunk;
        try
        {
            if (FastDeltas.TryOpenAI(data, out var text, out var reasoning))
            {
                return string.IsNullOrEmpty(text) && string.IsNullOrEmpty(reasoning)
                    ? null
                    : NativeChunks.Delta(model, time, text, string.IsNullOrEmpty(reasoning) ? null : reasoning);
            }

            chunk = JsonSerializer.Deserialize(data, UpstreamJsonContext.Default.OpenAIStreamChunk);
        }
        catch (JsonException ex)
        {
            throw UpstreamErrors.StreamCut(provider, "malformed chunk: " + ex.Message, ex);
        }

        if (chunk is null)
        {
            return null;
        }

        if (chunk.Error is not null)
        {
            throw UpstreamErrors.InBand(provider, chunk.Error, secret);
        }

        if (chunk.Usage is { } usage)
        {
            _prompt = usage.PromptTokens ?? _prompt;
            _completion = usage.CompletionTokens ?? _completion;
            _cached = usage.PromptTokensDetails?.CachedTokens ?? _cached;
        }

        if (chunk.Choices is not { Length: > 0 } choices)
        {
            return null;
        }

        var choice = choices[0];
        var delta = choice.Delta;
        foreach (var fragment in delta?.ToolCalls ?? [])
        {
            Gather(fragment);
        }

        ToolCall[]? calls = null;
        if (choice.FinishReason is { } finish)
        {
            _finishReason = finish;
            calls = TakeCalls();
        }

        var content = delta?.Content;
        var thinking = delta?.ReasoningContent ?? delta?.Reasoning;
        return string.IsNullOrEmpty(content) && string.IsNullOrEmpty(thinking) && calls is null
            ? null
            : NativeChunks.Delta(model, time, content, string.IsNullOrEmpty(thinking) ? null : thinking, calls);
    }

    private void Gather(OpenAIStreamToolCall fragment)
    {
        var index = fragment.Index ?? (_calls.Count == 0 ? 0 : _calls[^1].Index);
        var pending = _calls.Find(c => c.Index == index);
        if (pending is null)
        {
            pending = new PendingCall(index);
            _calls.Add(pending);
        }

        pending.Id ??= fragment.Id;
        if (!string.IsNullOrEmpty(fragment.Function?.Name))
        {
            pending.Name = fragment.Function.Name;
        }

        pending.Arguments.Append(fragment.Function?.Arguments);
    }

    private ToolCall[]? TakeCalls()
    {
        if (_calls.Count == 0)
        {
            return null;
        }

        var calls = new ToolCall[_calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var pending = _calls[i];
            JsonElement arguments;
            try
            {
                using var document = JsonDocument.Parse(pending.Arguments.Length == 0 ? "{}" : pending.Arguments.ToString());
                arguments = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw UpstreamErrors.StreamCut(provider, $"tool call {pending.Name} has arguments that are not JSON", ex);
            }

            calls[i] = new ToolCall
            {
                Id = pending.Id,
                Function = new ToolCallFunction { Index = _emitted++, Name = pending.Name, Arguments = arguments },
            };
        }

        _calls.Clear();
        return calls;
    }

    private sealed class PendingCall(int index)
    {
        public int Index { get; } = index;
        public string? Id { get; set; }
        public string Name { get; set; } = "";
        public StringBuilder Arguments { get; } = new();
    }
}
