using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Anthropic's SSE stream → native chunks. Dispatches on the data's <c>type</c> (the <c>event:</c> line says the same).
/// Text and thinking deltas become chunks as they come; a tool_use block's <c>input_json_delta</c> fragments are
/// gathered and the whole call is emitted at its <c>content_block_stop</c>; <c>message_stop</c> gives the final chunk
/// with the usage of <c>message_start</c> / <c>message_delta</c>. An <c>error</c> event is classified like an HTTP error.
/// </summary>
internal sealed class AnthropicStreamDecoder(string model, string provider, string? secret, TimeProvider time) : IStreamDecoder
{
    private readonly StringBuilder _arguments = new();
    private int _toolIndex = -1;
    private string? _toolId;
    private string? _toolName;
    private int _calls;
    private int _input;
    private int _cacheRead;
    private int _cacheCreation;
    private int? _output;
    private string? _stopReason;

    public bool Done { get; private set; }

    public ChatResponse? Decode(ReadOnlySpan<byte> line)
    {
        if (!NativeChunks.TryData(line, out var data))
        {
            return null;
        }

        AnthropicEvent? e;
        try
        {
            if (FastDeltas.TryAnthropic(data, out var text, out var thinking))
            {
                return text.Length == 0 ? null : thinking ? NativeChunks.Delta(model, time, null, text) : NativeChunks.Delta(model, time, text, null);
            }

            e = JsonSerializer.Deserialize(data, UpstreamJsonContext.Default.AnthropicEvent);
        }
        catch (JsonException ex)
        {
            throw UpstreamErrors.StreamCut(provider, "malformed event: " + ex.Message, ex);
        }

        return e?.Type switch
        {
            "content_block_delta" => OnDelta(e),
            "content_block_start" => OnStart(e),
            "content_block_stop" => OnStop(e),
            "message_start" => Usage(e.Message?.Usage),
            "message_delta" => OnMessageDelta(e),
            "message_stop" => OnMessageStop(),
            "error" => throw UpstreamErrors.InBand(provider, e.Error, secret),
            _ => null,
        };
    }

    private ChatResponse? OnDelta(AnthropicEvent e) => e.Delta switch
    {
        { Type: "text_delta", Text: { Length: > 0 } text } => NativeChunks.Delta(model, time, text, null),
        { Type: "thinking_delta", Thinking: { Length: > 0 } thinking } => NativeChunks.Delta(model, time, null, thinking),
        { Type: "input_json_delta", PartialJson: { } json } when e.Index == _toolIndex => Append(json),
        _ => null,
    };

    private ChatResponse? Append(string json)
    {
        _arguments.Append(json);
        return null;
    }

    private ChatResponse? OnStart(AnthropicEvent e)
    {
        switch (e.ContentBlock)
        {
            case { Type: "tool_use" } block:
                _toolIndex = e.Index;
                _toolId = block.Id;
                _toolName = block.Name ?? "";
                _arguments.Clear();
                if (block.Input is { ValueKind: JsonValueKind.Object } input && input.EnumerateObject().Any())
                {
                    _arguments.Append(input.GetRawText());
                }

                return null;
            case { Type: "text", Text: { Length: > 0 } text }:
                return NativeChunks.Delta(model, time, text, null);
            case { Type: "thinking", Thinking: { Length: > 0 } thinking }:
                return NativeChunks.Delta(model, time, null, thinking);
            default:
                return null;
        }
    }

    private ChatResponse? OnStop(AnthropicEvent e)
    {
        if (e.Index != _toolIndex)
        {
            return null;
        }

        _toolIndex = -1;
        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(_arguments.Length == 0 ? "{}" : _arguments.ToString());
            arguments = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw UpstreamErrors.StreamCut(provider, $"tool call {_toolName} has arguments that are not JSON", ex);
        }

        var call = new ToolCall
        {
            Id = _toolId,
            Function = new ToolCallFunction { Index = _calls++, Name = _toolName ?? "", Arguments = arguments },
        };
        return NativeChunks.Delta(model, time, null, null, [call]);
    }

    private ChatResponse? OnMessageDelta(AnthropicEvent e)
    {
        _stopReason = e.Delta?.StopReason ?? _stopReason;
        return Usage(e.Usage);
    }

    /// <summary>Counts from <c>message_start</c>, overridden by the cumulative ones of <c>message_delta</c>.</summary>
    private ChatResponse? Usage(AnthropicEventUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        _input = usage.InputTokens is { } i and > 0 ? i : _input;
        _cacheRead = usage.CacheReadInputTokens is { } r and > 0 ? r : _cacheRead;
        _cacheCreation = usage.CacheCreationInputTokens is { } c and > 0 ? c : _cacheCreation;
        _output = usage.OutputTokens is { } o and > 0 ? o : _output;
        return null;
    }

    private ChatResponse OnMessageStop()
    {
        Done = true;
        var reason = _stopReason is "max_tokens" or "model_context_window_exceeded" ? "length" : "stop";
        return NativeChunks.Final(model, time, reason, _input + _cacheRead + _cacheCreation, _output ?? 0, _cacheRead);
    }
}
