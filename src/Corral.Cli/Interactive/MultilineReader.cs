using System.Text;

namespace Corral.Cli.Interactive;

/// <summary>What one complete unit of REPL input turned out to be.</summary>
public abstract record ReplInput
{
    /// <summary>A message to send to the model.</summary>
    public sealed record Prompt(string Text) : ReplInput;

    /// <summary>A slash command line (<c>/set ...</c>).</summary>
    public sealed record Command(string Line) : ReplInput;

    /// <summary>A system message finished with <c>"""</c> after <c>/set system """...</c>.</summary>
    public sealed record SystemMessage(string Text) : ReplInput;
}

/// <summary>
/// Assembles REPL lines into inputs with Ollama's <c>"""</c> rules: a line starting with <c>"""</c> opens a
/// multi-line message that ends at a line ending with <c>"""</c> (the same line may close it); lines are
/// joined with newlines. <c>/set system """</c> uses the same machinery for the system message.
/// </summary>
public sealed class MultilineReader
{
    private const string Quotes = "\"\"\"";
    private readonly StringBuilder _buffer = new();
    private Mode _mode;

    private enum Mode
    {
        None,
        Prompt,
        System,
    }

    /// <summary>True while inside a <c>"""</c> block (the REPL shows the <c>... </c> prompt).</summary>
    public bool InMultiline => _mode != Mode.None;

    /// <summary>Feeds one line; returns an input when one is complete, null when more lines are needed.</summary>
    public ReplInput? Feed(string line)
    {
        if (_mode != Mode.None)
        {
            var closed = line.EndsWith(Quotes, StringComparison.Ordinal);
            _buffer.Append(closed ? line[..^3] : line);
            if (!closed)
            {
                _buffer.Append('\n');
                return null;
            }

            var mode = _mode;
            _mode = Mode.None;
            var text = Take();
            return mode == Mode.System ? new ReplInput.SystemMessage(text) : Prompt(text);
        }

        if (line.StartsWith(Quotes, StringComparison.Ordinal))
        {
            var rest = line[3..];
            var closed = rest.EndsWith(Quotes, StringComparison.Ordinal);
            _buffer.Append(closed ? rest[..^3] : rest);
            if (!closed)
            {
                _buffer.Append('\n');
                _mode = Mode.Prompt;
                return null;
            }

            return Prompt(Take());
        }

        return line.StartsWith('/') ? new ReplInput.Command(line) : Prompt(line);
    }

    /// <summary>
    /// Starts a system message from the text after <c>/set system</c>: complete at once unless it opens
    /// with <c>"""</c> and does not close on the same line.
    /// </summary>
    public ReplInput? BeginSystem(string text)
    {
        if (!text.StartsWith(Quotes, StringComparison.Ordinal))
        {
            return new ReplInput.SystemMessage(text);
        }

        var rest = text[3..];
        if (rest.EndsWith(Quotes, StringComparison.Ordinal))
        {
            return new ReplInput.SystemMessage(rest[..^3]);
        }

        _buffer.Append(rest).Append('\n');
        _mode = Mode.System;
        return null;
    }

    /// <summary>Abandons a partial block (Ctrl+C).</summary>
    public void Reset()
    {
        _buffer.Clear();
        _mode = Mode.None;
    }

    private static ReplInput.Prompt? Prompt(string text) => text.Length > 0 ? new ReplInput.Prompt(text) : null;

    private string Take()
    {
        var text = _buffer.ToString();
        _buffer.Clear();
        return text;
    }
}
