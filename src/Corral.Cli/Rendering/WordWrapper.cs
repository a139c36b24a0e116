using System.Text;

namespace Corral.Cli.Rendering;

/// <summary>
/// Streams model output with Ollama's word wrap: text is echoed as it arrives; when a line would pass
/// <c>width − 5</c> columns the partial word is erased (cursor back + clear to end of line) and moved to
/// the next line. Words longer than <c>width − 10</c> are broken instead. With wrapping off (or a width
/// under 10) text passes straight through.
/// </summary>
public sealed class WordWrapper
{
    private readonly TextWriter _out;
    private readonly StringBuilder _word = new();
    private int _lineLength;

    /// <summary>Creates a wrapper writing to <paramref name="output"/>.</summary>
    public WordWrapper(TextWriter output, bool enabled, int width)
    {
        _out = output;
        Enabled = enabled;
        Width = width;
    }

    /// <summary>Whether wrapping is applied.</summary>
    public bool Enabled { get; }

    /// <summary>Terminal width in columns.</summary>
    public int Width { get; }

    /// <summary>Forgets the current line (after the caller wrote its own line break).</summary>
    public void Reset()
    {
        _word.Clear();
        _lineLength = 0;
    }

    /// <summary>Writes a chunk of streamed text.</summary>
    public void Write(string content)
    {
        if (!Enabled || Width < 10)
        {
            _out.Write(content);
            _word.Clear();
            return;
        }

        foreach (var rune in content.EnumerateRunes())
        {
            var runeWidth = TextWidth.Of(rune);
            if (_lineLength + 1 > Width - 5)
            {
                var wordText = _word.ToString();
                var wordWidth = TextWidth.Of(wordText);
                if (wordWidth > Width - 10)
                {
                    _out.Write(rune.ToString());
                    _word.Clear();
                    _lineLength = 0;
                    continue;
                }

                if (wordWidth > 0)
                {
                    _out.Write($"\x1b[{wordWidth}D");
                }

                _out.Write("\x1b[K\n");
                _out.Write(wordText);
                _out.Write(rune.ToString());
                _lineLength = wordWidth + runeWidth;
                if (rune.Value is '\n' or '\r')
                {
                    _lineLength = 0;
                    _word.Clear();
                }
                else if (rune.Value is not (' ' or '\t'))
                {
                    _word.Append(rune.ToString());
                }
                else
                {
                    _word.Clear();
                }

                continue;
            }

            _out.Write(rune.ToString());
            _lineLength += runeWidth;
            if (runeWidth >= 2)
            {
                _word.Clear();
                continue;
            }

            switch (rune.Value)
            {
                case ' ' or '\t':
                    _word.Clear();
                    break;
                case '\n' or '\r':
                    _lineLength = 0;
                    _word.Clear();
                    break;
                default:
                    _word.Append(rune.ToString());
                    break;
            }
        }
    }

    /// <summary>
    /// Interprets the escape sequences this wrapper emits and returns the text as a terminal would show it
    /// (for tests and for reasoning about output).
    /// </summary>
    public static string RenderEscapes(string raw)
    {
        var lines = new List<StringBuilder> { new() };
        var col = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var line = lines[^1];
            if (raw[i] == '\x1b' && i + 1 < raw.Length && raw[i + 1] == '[')
            {
                var j = i + 2;
                while (j < raw.Length && char.IsDigit(raw[j]))
                {
                    j++;
                }

                var n = j > i + 2 ? int.Parse(raw.AsSpan(i + 2, j - i - 2), System.Globalization.CultureInfo.InvariantCulture) : 1;
                if (j < raw.Length && raw[j] == 'D')
                {
                    col = Math.Max(0, col - n);
                }
                else if (j < raw.Length && raw[j] == 'K')
                {
                    line.Length = Math.Min(line.Length, col);
                }

                i = j;
                continue;
            }

            if (raw[i] == '\n')
            {
                lines.Add(new StringBuilder());
                col = 0;
                continue;
            }

            if (col < line.Length)
            {
                line[col] = raw[i];
            }
            else
            {
                line.Append(raw[i]);
            }

            col++;
        }

        return string.Join('\n', lines.Select(l => l.ToString()));
    }
}
