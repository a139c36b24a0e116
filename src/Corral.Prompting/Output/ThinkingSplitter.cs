namespace Corral.Prompting.Output;

/// <summary>
/// Splits streamed model output into reasoning and answer text around an open/close marker pair
/// (e.g. <c>&lt;think&gt;</c>/<c>&lt;/think&gt;</c>). Pieces may be split anywhere, including inside a marker: text
/// that could still become a marker is held back until decided. As Ollama does, whitespace right after the open
/// marker, before the close marker and right after the close marker is trimmed. Reasoning is only recognised at the
/// start of the reply (after optional whitespace) or, with <c>startsInside</c>, from the first character. Not thread-safe:
/// one instance per generation.
/// </summary>
public sealed class ThinkingSplitter
{
    private enum State { LookingForOpen, ThinkingStart, Thinking, AfterClose, Content }

    private readonly string _open;
    private readonly string _close;
    private State _state;
    private string _pending = "";

    /// <summary>Creates a splitter.</summary>
    /// <param name="open">The marker that opens reasoning.</param>
    /// <param name="close">The marker that closes reasoning.</param>
    /// <param name="startsInside">The rendered prompt already opened reasoning (see <see cref="PromptOpensThinking"/>).</param>
    public ThinkingSplitter(string open, string close, bool startsInside = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(open);
        ArgumentException.ThrowIfNullOrEmpty(close);
        _open = open;
        _close = close;
        _state = startsInside ? State.ThinkingStart : State.LookingForOpen;
    }

    /// <summary>True while the output is inside reasoning (or may still open it).</summary>
    public bool InThinking => _state is State.ThinkingStart or State.Thinking;

    /// <summary>
    /// True when the rendered prompt ends inside an open reasoning block, so the model's output starts with reasoning:
    /// the last <paramref name="open"/> in the prompt is followed only by whitespace (Qwen3, QwQ and DeepSeek-R1 end the
    /// generation prompt with <c>&lt;think&gt;\n</c>; a prompt ending <c>&lt;think&gt;\n\n&lt;/think&gt;\n\n</c> does not).
    /// </summary>
    public static bool PromptOpensThinking(string renderedPrompt, string open, string close)
    {
        ArgumentNullException.ThrowIfNull(renderedPrompt);
        int at = renderedPrompt.LastIndexOf(open, StringComparison.Ordinal);
        if (at < 0 || renderedPrompt.LastIndexOf(close, StringComparison.Ordinal) > at)
        {
            return false;
        }

        return renderedPrompt.AsSpan(at + open.Length).IsWhiteSpace();
    }

    /// <summary>Consumes one generated piece and returns the reasoning and answer text it settled.</summary>
    public ThinkingDelta Push(string piece)
    {
        string text = _pending.Length == 0 ? piece : _pending + piece;
        _pending = "";
        string thinking = "", content = "";
        while (text.Length > 0)
        {
            switch (_state)
            {
                case State.LookingForOpen:
                    int first = Markers.SkipWhitespace(text, 0);
                    ReadOnlySpan<char> rest = text.AsSpan(first);
                    if (rest.StartsWith(_open, StringComparison.Ordinal))
                    {
                        text = text[(first + _open.Length)..];
                        _state = State.ThinkingStart;
                        continue;
                    }

                    if (rest.Length == 0 || Markers.IsPrefixOf(rest, _open))
                    {
                        _pending = text;
                        return new(thinking, content);
                    }

                    _state = State.Content;
                    continue;
                case State.ThinkingStart or State.AfterClose:
                    int start = Markers.SkipWhitespace(text, 0);
                    text = text[start..];
                    if (text.Length > 0)
                    {
                        _state = _state == State.ThinkingStart ? State.Thinking : State.Content;
                    }

                    continue;
                case State.Thinking:
                    int close = text.IndexOf(_close, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        thinking += text.AsSpan(0, close).TrimEnd().ToString();
                        text = text[(close + _close.Length)..];
                        _state = State.AfterClose;
                        continue;
                    }

                    int keep = text.Length - Markers.PartialSuffix(text, _close);
                    while (keep > 0 && char.IsWhiteSpace(text[keep - 1]))
                    {
                        keep--;
                    }

                    thinking += text[..keep];
                    _pending = text[keep..];
                    return new(thinking, content);
                default:
                    content += text;
                    return new(thinking, content);
            }
        }

        return new(thinking, content);
    }

    /// <summary>Ends the stream: releases held-back text (a partial marker is plain text after all).</summary>
    public ThinkingDelta Flush()
    {
        string text = _pending;
        _pending = "";
        return _state switch
        {
            State.Thinking or State.ThinkingStart => new(text.TrimEnd(), ""),
            State.AfterClose => new("", ""),
            _ => new("", text),
        };
    }
}
