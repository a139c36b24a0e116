using System.Text;
using Corral.Api.Models;

namespace Corral.Prompting.Output;

/// <summary>
/// gpt-oss "harmony" output: messages <c>&lt;|channel|&gt;NAME [to=RECIPIENT] [&lt;|constrain|&gt;json]&lt;|message|&gt;BODY</c>
/// ended by <c>&lt;|end|&gt;</c>, <c>&lt;|call|&gt;</c> or <c>&lt;|return|&gt;</c> and separated by <c>&lt;|start|&gt;assistant</c>.
/// The <c>analysis</c> channel is reasoning, <c>final</c> (and <c>commentary</c> without a recipient) is answer text, and a
/// message to <c>functions.NAME</c> is a tool call whose body is the JSON arguments. Text that does not start with a
/// header is answer text. Not thread-safe: one instance per generation.
/// </summary>
public sealed class HarmonyParser
{
    private const string Message = "<|message|>";
    private const int MaxHeader = 512;
    private static readonly string[] Ends = ["<|end|>", "<|call|>", "<|return|>", "<|start|>"];

    private enum Kind { Header, Thinking, Content, Call }

    private readonly Func<string> _newId;
    private Kind _kind = Kind.Header;
    private readonly CharBuffer _buffer = new();
    private string _callName = "";
    private string _rawHeader = "";
    private int _index;

    /// <summary>Creates a parser.</summary>
    /// <param name="newId">Id factory; defaults to <see cref="ToolCallIds.New"/>.</param>
    public HarmonyParser(Func<string>? newId = null) => _newId = newId ?? ToolCallIds.New;

    /// <summary>True when a template speaks harmony (gpt-oss).</summary>
    public static bool Matches(string templateSource) =>
        templateSource.Contains("<|channel|>", StringComparison.Ordinal) && templateSource.Contains("<|message|>", StringComparison.Ordinal)
        && templateSource.Contains("<|start|>", StringComparison.Ordinal);

    /// <summary>Consumes one decoded piece.</summary>
    public OutputDelta Push(string piece) => Run(piece, final: false);

    /// <summary>Ends the stream; an unfinished tool call comes back as content with a failure reason.</summary>
    public OutputDelta Flush() => Run("", final: true);

    private OutputDelta Run(string piece, bool final)
    {
        _buffer.Append(piece);
        var (thinking, content) = (new StringBuilder(), new StringBuilder());
        List<ToolCall>? calls = null;
        string? failure = null;
        while (_buffer.Length > 0 || (final && _kind == Kind.Call))
        {
            var text = _buffer.Span;
            if (_kind == Kind.Header)
            {
                if (!LooksLikeHeader(text[Markers.SkipWhitespace(text, 0)..]) || text.Length > MaxHeader || final)
                {
                    _kind = Kind.Content;
                    continue;
                }

                int m = text.IndexOf(Message, StringComparison.Ordinal);
                if (m < 0) break;
                OpenMessage(text[..m].ToString());
                _buffer.Consume(m + Message.Length);
                continue;
            }

            var (end, endLen) = FindEnd(text);
            if (_kind == Kind.Call)
            {
                if (end < 0 && !final) break;
                var args = end >= 0 ? text[..end] : text;
                if (TryCall(args, out var reason) is { } call) (calls ??= []).Add(call);
                else
                {
                    content.Append(_rawHeader).Append(Message).Append(args).Append(end >= 0 ? text.Slice(end, endLen) : "");
                    failure = reason;
                }
            }
            else
            {
                int take = end >= 0 ? end : final ? text.Length : text.Length - Hold(text);
                (_kind == Kind.Thinking ? thinking : content).Append(text[..take]);
                if (end < 0)
                {
                    _buffer.Consume(take);
                    break;
                }
            }

            _buffer.Consume(end >= 0 ? end + endLen : text.Length);
            if (_buffer.Span.StartsWith("<|start|>", StringComparison.Ordinal)) _buffer.Consume("<|start|>".Length);
            _kind = Kind.Header;
            if (final && _buffer.Length == 0) break;
        }

        return thinking.Length == 0 && content.Length == 0 && calls == null && failure == null
            ? OutputDelta.Empty
            : new OutputDelta(thinking.ToString(), content.ToString(), (IReadOnlyList<ToolCall>?)calls ?? [], failure);
    }

    private void OpenMessage(string header)
    {
        _rawHeader = header;
        int to = header.IndexOf("to=", StringComparison.Ordinal);
        string recipient = to < 0 ? "" : header[(to + 3)..].Split([' ', '<', '\n'], 2)[0];
        int ch = header.IndexOf("<|channel|>", StringComparison.Ordinal);
        string channel = ch < 0 ? "" : header[(ch + "<|channel|>".Length)..].Split([' ', '<', '\n'], 2)[0];
        if (recipient.StartsWith("functions.", StringComparison.Ordinal))
        {
            _kind = Kind.Call;
            _callName = recipient["functions.".Length..];
        }
        else
        {
            _kind = channel == "analysis" ? Kind.Thinking : Kind.Content;
        }
    }

    private ToolCall? TryCall(ReadOnlySpan<char> args, out string? reason)
    {
        reason = null;
        System.Text.Json.JsonElement parsed;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(args.Trim() is { Length: > 0 } a ? a.ToString() : "{}");
            parsed = doc.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException e)
        {
            reason = "tool call arguments are not valid JSON: " + e.Message;
            return null;
        }

        if (_callName.Length == 0) reason = "tool call has no name";
        if (reason != null || !CallJson.TryArguments(parsed, out var obj, out reason)) return null;
        return new ToolCall { Id = _newId(), Function = new ToolCallFunction { Index = _index++, Name = _callName, Arguments = obj } };
    }

    /// <summary>A header starts with a special token or the role name (after <c>&lt;|start|&gt;</c>).</summary>
    private static bool LooksLikeHeader(ReadOnlySpan<char> text) =>
        text.Length == 0 || text[0] == '<' || text.StartsWith("assistant", StringComparison.Ordinal) || Markers.IsPrefixOf(text, "assistant");

    private static (int At, int Length) FindEnd(ReadOnlySpan<char> text)
    {
        (int at, int len) = (-1, 0);
        foreach (var e in Ends)
        {
            int i = text.IndexOf(e, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at)) (at, len) = (i, e.Length);
        }

        return (at, len);
    }

    private static int Hold(ReadOnlySpan<char> text)
    {
        int hold = 0;
        foreach (var e in Ends) hold = Math.Max(hold, Markers.PartialSuffix(text, e));
        return hold;
    }
}
