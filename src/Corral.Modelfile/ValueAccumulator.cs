namespace Corral.Modelfile;

/// <summary>
/// Accumulates the characters of one instruction argument with Ollama's rules: the value runs to the first
/// line break at which the whitespace-trimmed text is "complete" (unquoted, or a closed <c>"…"</c> /
/// <c>"""…"""</c>); line breaks inside an open quote are kept. There is no escape syntax.
/// C0/C1 control characters other than tab and line breaks are dropped (Ollama drops every non-printable rune;
/// Corral keeps other Unicode such as ZWJ and NBSP intact).
/// </summary>
internal sealed class ValueAccumulator
{
    private char[] _buffer = new char[64];
    private int _length;
    private int _first = -1;
    private int _last = -1;

    /// <summary>Index of the first non-whitespace character in the buffer, or -1.</summary>
    public int FirstNonWhiteSpace => _first;

    /// <summary>True when the trimmed text is either unquoted or a closed quote.</summary>
    public bool IsComplete
    {
        get
        {
            if (_first < 0 || _buffer[_first] != '"')
            {
                return true;
            }

            var n = _last - _first + 1;
            if (n >= 3 && _buffer[_first + 1] == '"' && _buffer[_first + 2] == '"')
            {
                return n >= 6 && _buffer[_last] == '"' && _buffer[_last - 1] == '"' && _buffer[_last - 2] == '"';
            }

            return n >= 2 && _buffer[_last] == '"';
        }
    }

    /// <summary>True when the trimmed text opens with a triple quote.</summary>
    public bool IsTripleQuoted =>
        _first >= 0 && _last - _first >= 2 && _buffer[_first] == '"' && _buffer[_first + 1] == '"' && _buffer[_first + 2] == '"';

    /// <summary>True for characters the parser silently drops (C0/C1 controls except tab, CR, LF).</summary>
    public static bool IsDropped(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    /// <summary>Offers one character; returns true when it is a line break that ends the value (not appended).</summary>
    public bool Offer(char c)
    {
        if (c is '\r' or '\n')
        {
            if (IsComplete)
            {
                return true;
            }

            Append(c);
            return false;
        }

        if (IsDropped(c))
        {
            return false;
        }

        if (!char.IsWhiteSpace(c))
        {
            if (_first < 0)
            {
                _first = _length;
            }

            _last = _length;
        }

        Append(c);
        return false;
    }

    /// <summary>The trimmed, unquoted value. Only meaningful when <see cref="IsComplete"/>.</summary>
    public string GetValue()
    {
        if (_first < 0)
        {
            return string.Empty;
        }

        var span = _buffer.AsSpan(_first, _last - _first + 1);
        if (span[0] == '"')
        {
            span = IsTripleQuoted ? span[3..^3] : span[1..^1];
        }

        return new string(span);
    }

    private void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[_length++] = c;
    }
}
