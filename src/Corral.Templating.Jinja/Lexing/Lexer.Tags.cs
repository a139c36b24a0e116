using System.Globalization;
using System.Text;

namespace Corral.Templating.Jinja.Lexing;

/// <summary>Expression tokens inside <c>{{ }}</c> and <c>{% %}</c>.</summary>
internal sealed partial class Lexer
{
    private static readonly string[] Operators =
    [
        "//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "[", "]", "(", ")", "{", "}",
        "<", ">", "=", ".", ":", "|", ",", ";",
    ];

    private void LexTag(bool variable)
    {
        var balance = new Stack<char>();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw Error(variable ? "unexpected end of template, expected 'end of print statement'." : "unexpected end of template, expected 'end of statement block'.", _pos);
            }

            if (balance.Count == 0)
            {
                var end = variable ? MatchVariableEnd(_pos) : MatchBlockEnd(_pos);
                if (end >= 0)
                {
                    _tokens.Add(new Token(variable ? TokenKind.VariableEnd : TokenKind.BlockEnd, _src[_pos..end], _pos));
                    _lineStarting = _src[end - 1] == '\n';
                    _pos = end;
                    return;
                }
            }

            var c = _src[_pos];
            if (IsSpace(c))
            {
                _pos = SkipSpace(_pos);
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                LexNumber();
                continue;
            }

            if (c == '_' || char.IsLetter(c))
            {
                var s = _pos;
                while (_pos < _src.Length && (_src[_pos] == '_' || char.IsLetterOrDigit(_src[_pos])))
                {
                    _pos++;
                }

                _tokens.Add(new Token(TokenKind.Name, _src[s.._pos], s));
                continue;
            }

            if (c == '\'' || c == '"')
            {
                LexString(c);
                continue;
            }

            var op = MatchOperator();
            if (op is null)
            {
                throw Error($"unexpected char {PythonRepr.Repr(c.ToString())} at {_pos}", _pos);
            }

            switch (op)
            {
                case "(":
                    balance.Push(')');
                    break;
                case "[":
                    balance.Push(']');
                    break;
                case "{":
                    balance.Push('}');
                    break;
                case ")" or "]" or "}":
                    if (balance.Count == 0)
                    {
                        throw Error($"unexpected '{op}'", _pos);
                    }

                    var expected = balance.Pop();
                    if (expected != op[0])
                    {
                        throw Error($"unexpected '{op}', expected '{expected}'", _pos);
                    }

                    break;
            }

            _tokens.Add(new Token(TokenKind.Operator, op, _pos));
            _pos += op.Length;
        }
    }

    private int MatchVariableEnd(int p)
    {
        if (string.CompareOrdinal(_src, p, "-}}", 0, 3) == 0)
        {
            return SkipSpace(p + 3);
        }

        return string.CompareOrdinal(_src, p, "}}", 0, 2) == 0 ? p + 2 : -1;
    }

    private string? MatchOperator()
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, op.Length) == 0)
            {
                return op;
            }
        }

        return null;
    }

    private void LexNumber()
    {
        var s = _pos;
        SkipDigits();
        var isFloat = false;
        if (_pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            _pos++;
            SkipDigits();
            isFloat = true;
        }

        if (_pos < _src.Length && (_src[_pos] == 'e' || _src[_pos] == 'E'))
        {
            var p = _pos + 1;
            if (p < _src.Length && (_src[p] == '+' || _src[p] == '-'))
            {
                p++;
            }

            if (p < _src.Length && char.IsAsciiDigit(_src[p]))
            {
                _pos = p;
                SkipDigits();
                isFloat = true;
            }
        }

        var text = _src[s.._pos].Replace("_", string.Empty, StringComparison.Ordinal);
        if (isFloat)
        {
            _tokens.Add(new Token(TokenKind.Float, text, s, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        else
        {
            object value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                ? (object)l
                : double.Parse(text, CultureInfo.InvariantCulture);
            _tokens.Add(new Token(TokenKind.Integer, text, s, value));
        }
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || (_src[_pos] == '_' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1]))))
        {
            _pos++;
        }
    }

    private void LexString(char quote)
    {
        var s = _pos;
        var p = _pos + 1;
        while (p < _src.Length && _src[p] != quote)
        {
            p += _src[p] == '\\' ? 2 : 1;
        }

        if (p >= _src.Length)
        {
            throw Error($"unexpected char {PythonRepr.Repr(quote.ToString())} at {s}", s);
        }

        _tokens.Add(new Token(TokenKind.String, _src[s..(p + 1)], s, Unescape(_src, s + 1, p)));
        _pos = p + 1;
    }

    /// <summary>Python "unicode-escape" decoding of a string literal body.</summary>
    private static string Unescape(string src, int from, int to)
    {
        var sb = new StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            var c = src[i];
            if (c != '\\' || i + 1 >= to)
            {
                sb.Append(c);
                continue;
            }

            var n = src[++i];
            switch (n)
            {
                case '\n': break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case 'x' or 'u' or 'U':
                    var len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    if (i + len < to && int.TryParse(src.AsSpan(i + 1, len), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) && code <= 0x10FFFF)
                    {
                        sb.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
                        i += len;
                    }
                    else
                    {
                        sb.Append('\\').Append(n);
                    }

                    break;
                case >= '0' and <= '7':
                    var v = n - '0';
                    for (var k = 0; k < 2 && i + 1 < to && src[i + 1] is >= '0' and <= '7'; k++)
                    {
                        v = (v * 8) + (src[++i] - '0');
                    }

                    sb.Append((char)v);
                    break;
                default:
                    sb.Append('\\').Append(n);
                    break;
            }
        }

        return sb.ToString();
    }
}
