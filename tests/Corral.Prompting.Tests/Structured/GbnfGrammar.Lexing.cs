using System.Globalization;
using System.Text;

namespace Corral.Prompting.Tests.Structured;

/// <summary>Character-level lexing: escapes, numbers, names, whitespace and comments.</summary>
internal sealed partial class GbnfGrammar
{
    private int Char()
    {
        if (_pos >= _src.Length || _src[_pos] is '\n' or '\r')
        {
            throw Error("unterminated literal or class");
        }

        if (_src[_pos] != '\\')
        {
            var rune = Rune.GetRuneAt(_src, _pos);
            _pos += rune.Utf16SequenceLength;
            return rune.Value;
        }

        _pos += 2;
        return _src[_pos - 1] switch
        {
            'x' => Hex(2),
            'u' => Hex(4),
            'U' => Hex(8),
            't' => '\t',
            'r' => '\r',
            'n' => '\n',
            '\\' or '"' or '[' or ']' => _src[_pos - 1],
            var c => throw Error($"unknown escape '\\{c}'"),
        };
    }

    private int Hex(int digits)
    {
        var text = _src.Substring(_pos, Math.Min(digits, _src.Length - _pos));
        _pos += digits;
        return int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private int Number()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        return start == _pos ? throw Error("expected number") : int.Parse(_src[start.._pos], CultureInfo.InvariantCulture);
    }

    private string Name()
    {
        var start = _pos;
        while (IsNameChar(Peek()))
        {
            _pos++;
        }

        return start == _pos ? throw Error("expected rule name") : _src[start.._pos];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private char Peek() => _pos < _src.Length ? _src[_pos] : '\0';

    private void Expect(string token)
    {
        if (string.CompareOrdinal(_src, _pos, token, 0, token.Length) != 0)
        {
            throw Error($"expected '{token}'");
        }

        _pos += token.Length;
    }

    private void SkipSpace(bool newlines)
    {
        while (_pos < _src.Length && (_src[_pos] is ' ' or '\t' || (newlines && _src[_pos] is '\n' or '\r') || _src[_pos] == '#'))
        {
            if (_src[_pos] == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                _pos++;
            }
        }
    }
}
