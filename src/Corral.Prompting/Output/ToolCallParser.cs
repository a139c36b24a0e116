using System.Text;
using Corral.Api.Models;

namespace Corral.Prompting.Output;

/// <summary>
/// Streams tool calls out of answer text in one <see cref="ToolCallFormat"/>. Text before a call is released as content
/// at once (only a possible partial trigger is held back); each call is returned as soon as it is complete, with an id
/// and an increasing index. A call that does not parse is never dropped: its raw text comes back as content and the
/// result's <see cref="ToolParseResult.ParseFailure"/> says why. Not thread-safe: one instance per generation.
/// </summary>
public sealed class ToolCallParser
{
    private readonly ToolCallFormat _format;
    private readonly Func<string> _newId;
    private readonly CharBuffer _buffer = new();
    private readonly JsonScanState _scan = new();
    private bool _inCall, _bareJson, _sawText, _afterCall;
    private int _index;

    /// <summary>Creates a parser.</summary>
    /// <param name="format">The family's call format (see <see cref="ToolCallFormat.Detect"/>).</param>
    /// <param name="newId">Id factory; defaults to <see cref="ToolCallIds.New"/>.</param>
    public ToolCallParser(ToolCallFormat format, Func<string>? newId = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        _format = format;
        _newId = newId ?? ToolCallIds.New;
    }

    /// <summary>The format this parser reads.</summary>
    public ToolCallFormat Format => _format;

    /// <summary>How many calls have been emitted so far.</summary>
    public int CallCount => _index;

    /// <summary>Consumes a piece of answer text.</summary>
    public ToolParseResult Push(string content) => Run(content, final: false);

    /// <summary>Ends the stream: an unfinished call is returned as content with a failure reason.</summary>
    public ToolParseResult Flush() => Run("", final: true);

    private ToolParseResult Run(string piece, bool final)
    {
        _buffer.Append(piece);
        var content = new StringBuilder();
        List<ToolCall>? calls = null;
        string? failure = null;
        while (_buffer.Length > 0)
        {
            var text = _buffer.Span;
            if (!_inCall)
            {
                int used = Content(text, final, content);
                _buffer.Consume(used);
                _scan.Reset();
                if (!_inCall) break;
                continue;
            }

            var scan = _format.Scan(text, final, _bareJson, _scan);
            if (scan.Status == CallScanStatus.NeedMore)
            {
                if (!final) break;
                scan = _bareJson ? CallScan.NotACall(text.Length) : CallScan.Failed(text.Length, "tool call is incomplete");
            }

            int consumed = Math.Clamp(scan.Consumed, 1, text.Length);
            if (scan.Status == CallScanStatus.Done)
            {
                foreach (var c in scan.Calls!) (calls ??= []).Add(Build(c));
                _afterCall = true;
            }
            else
            {
                content.Append(text[..consumed]);
                if (scan.Status == CallScanStatus.Failed) failure = failure == null ? scan.Failure : failure + "; " + scan.Failure;
            }

            _inCall = false;
            _sawText = true;
            _buffer.Consume(consumed);
            _scan.Reset();
        }

        return content.Length == 0 && calls == null && failure == null
            ? ToolParseResult.Empty
            : new ToolParseResult(content.ToString(), (IReadOnlyList<ToolCall>?)calls ?? [], failure);
    }

    /// <summary>Releases answer text up to the next trigger (entering a call there); returns how many characters were
    /// used up (released or dropped). The rest stays buffered.</summary>
    private int Content(ReadOnlySpan<char> text, bool final, StringBuilder content)
    {
        int start = Markers.SkipWhitespace(text, 0);
        int dropped = 0;
        if (!_sawText || _afterCall)
        {
            if (start == text.Length)
            {
                if (!final) return 0;
                if (!_afterCall) content.Append(text);
                return text.Length;
            }

            if (_afterCall)
            {
                dropped = start;
                text = text[start..];
            }

            _afterCall = false;
            if (!_sawText && _format.JsonAtStart && JsonScan.IsOpen(text[start - dropped]))
            {
                (_inCall, _bareJson) = (true, true);
                return start;
            }
        }

        int at = -1;
        foreach (var t in _format.Triggers)
        {
            int i = text.IndexOf(t, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }

        if (at >= 0)
        {
            Emit(content, text[..at]);
            (_inCall, _bareJson) = (true, false);
            return dropped + at;
        }

        int hold = 0;
        if (!final)
        {
            foreach (var t in _format.Triggers) hold = Math.Max(hold, Markers.PartialSuffix(text, t));
        }

        Emit(content, text[..^hold]);
        return dropped + text.Length - hold;
    }

    private void Emit(StringBuilder content, ReadOnlySpan<char> text)
    {
        content.Append(text);
        _sawText |= Markers.HasNonWhitespace(text);
    }

    private ToolCall Build(ParsedCall c) => new()
    {
        Id = c.Id ?? _newId(),
        Function = new ToolCallFunction { Index = _index++, Name = c.Name, Arguments = c.Arguments },
    };
}
