using System.Text;

namespace Corral.Templating.Jinja.Lexing;

/// <summary>
/// Splits template source into tokens exactly as jinja2's lexer does with HF's settings
/// (trim_blocks, lstrip_blocks, no trailing newline kept).
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _src;
    private readonly string? _name;
    private readonly LineMap _lines;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private bool _lineStarting = true;

    private Lexer(string source, string? name)
    {
        _src = source;
        _name = name;
        _lines = new LineMap(source);
    }

    public static string Normalize(string source)
    {
        var sb = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }

                sb.Append('\n');
            }
            else
            {
                sb.Append(c);
            }
        }

        if (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    public static (List<Token> Tokens, LineMap Lines) Tokenize(string normalizedSource, string? name)
    {
        var lexer = new Lexer(normalizedSource, name);
        lexer.Run();
        return (lexer._tokens, lexer._lines);
    }

    internal JinjaSyntaxException Error(string message, int pos)
    {
        var (line, col) = _lines.Locate(Math.Min(pos, _src.Length));
        return new JinjaSyntaxException(message, _name, line, col);
    }

    private void Run()
    {
        while (_pos < _src.Length)
        {
            var start = FindTagStart(_pos);
            if (start < 0)
            {
                _tokens.Add(new Token(TokenKind.Data, _src[_pos..], _pos));
                break;
            }

            var text = _src[_pos..start];
            var kind = _src[start + 1];
            var signPos = start + 2;
            var sign = signPos < _src.Length && (_src[signPos] == '-' || _src[signPos] == '+') ? _src[signPos] : '\0';
            var rawEnd = kind == '%' ? MatchRawBegin(start) : -1;
            text = ApplyLeftStrip(text, sign, kind != '{');
            if (text.Length > 0)
            {
                _tokens.Add(new Token(TokenKind.Data, text, _pos));
            }

            var bodyStart = sign == '\0' ? start + 2 : start + 3;
            if (rawEnd >= 0)
            {
                LexRaw(rawEnd);
            }
            else if (kind == '#')
            {
                LexComment(bodyStart, start);
            }
            else
            {
                _tokens.Add(new Token(kind == '{' ? TokenKind.VariableBegin : TokenKind.BlockBegin, _src[start..bodyStart], start));
                _pos = bodyStart;
                LexTag(kind == '{');
            }
        }

        _tokens.Add(new Token(TokenKind.Eof, string.Empty, _src.Length));
    }

    private int FindTagStart(int from)
    {
        var i = from;
        while (true)
        {
            i = _src.IndexOf('{', i);
            if (i < 0 || i + 1 >= _src.Length)
            {
                return -1;
            }

            var c = _src[i + 1];
            if (c == '{' || c == '%' || c == '#')
            {
                return i;
            }

            i++;
        }
    }

    private string ApplyLeftStrip(string text, char sign, bool isBlockOrComment)
    {
        if (sign == '-')
        {
            return PyRStrip(text);
        }

        if (sign != '+' && isBlockOrComment)
        {
            var lPos = text.LastIndexOf('\n') + 1;
            if ((lPos > 0 || _lineStarting) && lPos < text.Length && AllSpace(text, lPos))
            {
                return text[..lPos];
            }
        }

        return text;
    }

    internal static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    private static bool AllSpace(string s, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (!IsSpace(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string PyRStrip(string s)
    {
        var end = s.Length;
        while (end > 0 && IsSpace(s[end - 1]))
        {
            end--;
        }

        return s[..end];
    }

    private int SkipSpace(int p)
    {
        while (p < _src.Length && IsSpace(_src[p]))
        {
            p++;
        }

        return p;
    }

    /// <summary>Matches <c>{%[-+]?\s*raw\s*(-%}\s*|%})</c>; returns the end offset or -1.</summary>
    private int MatchRawBegin(int start)
    {
        var p = start + 2;
        if (p < _src.Length && (_src[p] == '-' || _src[p] == '+'))
        {
            p++;
        }

        p = SkipSpace(p);
        if (string.CompareOrdinal(_src, p, "raw", 0, 3) != 0)
        {
            return -1;
        }

        p = SkipSpace(p + 3);
        if (string.CompareOrdinal(_src, p, "-%}", 0, 3) == 0)
        {
            return SkipSpace(p + 3);
        }

        return string.CompareOrdinal(_src, p, "%}", 0, 2) == 0 ? p + 2 : -1;
    }

    private void LexRaw(int contentStart)
    {
        _lineStarting = _src[contentStart - 1] == '\n';
        var search = contentStart;
        while (true)
        {
            var i = _src.IndexOf("{%", search, StringComparison.Ordinal);
            if (i < 0)
            {
                throw Error("Missing end of raw directive", contentStart);
            }

            var p = i + 2;
            var sign = p < _src.Length && (_src[p] == '-' || _src[p] == '+') ? _src[p++] : '\0';
            p = SkipSpace(p);
            if (string.CompareOrdinal(_src, p, "endraw", 0, 6) == 0)
            {
                p = SkipSpace(p + 6);
                var end = MatchBlockEnd(p);
                if (end >= 0)
                {
                    var text = ApplyLeftStrip(_src[contentStart..i], sign, true);
                    if (text.Length > 0)
                    {
                        _tokens.Add(new Token(TokenKind.Data, text, contentStart));
                    }

                    _lineStarting = _src[end - 1] == '\n';
                    _pos = end;
                    return;
                }
            }

            search = i + 2;
        }
    }

    /// <summary>Matches <c>\+%}|-%}\s*|%}\n?</c> at p; returns the end offset or -1.</summary>
    private int MatchBlockEnd(int p)
    {
        if (string.CompareOrdinal(_src, p, "+%}", 0, 3) == 0)
        {
            return p + 3;
        }

        if (string.CompareOrdinal(_src, p, "-%}", 0, 3) == 0)
        {
            return SkipSpace(p + 3);
        }

        if (string.CompareOrdinal(_src, p, "%}", 0, 2) == 0)
        {
            return p + 2 < _src.Length && _src[p + 2] == '\n' ? p + 3 : p + 2;
        }

        return -1;
    }

    private void LexComment(int bodyStart, int start)
    {
        var j = _src.IndexOf("#}", bodyStart, StringComparison.Ordinal);
        if (j < 0)
        {
            throw Error("Missing end of comment tag", start);
        }

        int end;
        if (j - 1 >= bodyStart && _src[j - 1] == '-')
        {
            end = SkipSpace(j + 2);
        }
        else if (j - 1 >= bodyStart && _src[j - 1] == '+')
        {
            end = j + 2;
        }
        else
        {
            end = j + 2 < _src.Length && _src[j + 2] == '\n' ? j + 3 : j + 2;
        }

        _lineStarting = _src[end - 1] == '\n';
        _pos = end;
    }
}
