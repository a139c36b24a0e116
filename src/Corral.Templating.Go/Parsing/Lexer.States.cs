namespace Corral.Templating.Go.Parsing;

internal sealed partial class Lexer
{
    private static readonly Dictionary<string, TokenType> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenType.Dot, ["block"] = TokenType.Block, ["break"] = TokenType.Break,
        ["continue"] = TokenType.Continue, ["define"] = TokenType.Define, ["else"] = TokenType.Else,
        ["end"] = TokenType.End, ["if"] = TokenType.If, ["range"] = TokenType.Range, ["nil"] = TokenType.Nil,
        ["template"] = TokenType.Template, ["with"] = TokenType.With,
    };

    private static State LexText(Lexer l)
    {
        int x = l._input.IndexOf(LeftDelim, l._pos, StringComparison.Ordinal);
        if (x >= 0)
        {
            l._pos = x;
            int trimLength = 0;
            if (l.HasLeftTrimMarker(l._pos + LeftDelim.Length)) trimLength = l.RightTrimLength(l._start, l._pos);
            l._pos -= trimLength;
            if (l._pos > l._start)
            {
                l._line += l.CountNewlines(l._start, l._pos);
                l.Emit(TokenType.Text);
            }
            l._pos += trimLength;
            l.Ignore();
            return LexLeftDelim;
        }
        l._pos = l._input.Length;
        if (l._pos > l._start)
        {
            l._line += l.CountNewlines(l._start, l._pos);
            l.Emit(TokenType.Text);
        }
        l.Emit(TokenType.EOF);
        return null!;
    }

    private static State LexLeftDelim(Lexer l)
    {
        l._pos += LeftDelim.Length;
        bool trimSpace = l.HasLeftTrimMarker(l._pos);
        int afterMarker = trimSpace ? 2 : 0;
        if (l.StartsWithAt(l._pos + afterMarker, LeftComment))
        {
            l._pos += afterMarker;
            l.Ignore();
            return LexComment;
        }
        l.Emit(TokenType.LeftDelim);
        l._pos += afterMarker;
        l.Ignore();
        l._parenDepth = 0;
        return LexInsideAction;
    }

    private static State LexComment(Lexer l)
    {
        l._pos += LeftComment.Length;
        int i = l._input.IndexOf(RightComment, l._pos, StringComparison.Ordinal);
        if (i < 0) return l.Errorf("unclosed comment")!;
        l._pos = i + RightComment.Length;
        var (delim, trimSpace) = l.AtRightDelim();
        if (!delim) return l.Errorf("comment ends before closing delimiter")!;
        if (trimSpace) l._pos += 2;
        l._pos += RightDelim.Length;
        if (trimSpace) l._pos += l.LeftTrimLength(l._pos);
        l.Ignore();
        return LexText;
    }

    private static State LexRightDelim(Lexer l)
    {
        bool trimSpace = l.HasRightTrimMarker(l._pos);
        if (trimSpace)
        {
            l._pos += 2;
            l.Ignore();
        }
        l._pos += RightDelim.Length;
        l.Emit(TokenType.RightDelim);
        if (trimSpace)
        {
            l._pos += l.LeftTrimLength(l._pos);
            l.Ignore();
        }
        return LexText;
    }

    private static State LexInsideAction(Lexer l)
    {
        var (delim, _) = l.AtRightDelim();
        if (delim)
        {
            if (l._parenDepth == 0) return LexRightDelim;
            return l.Errorf("unclosed left paren")!;
        }
        int r = l.Next();
        switch (r)
        {
            case -1: return l.Errorf("unclosed action")!;
            case ' ' or '\t' or '\r' or '\n':
                l.Backup();
                return LexSpace;
            case '=': l.Emit(TokenType.Assign); break;
            case ':':
                if (l.Next() != '=') return l.Errorf("expected :=")!;
                l.Emit(TokenType.Declare);
                break;
            case '|': l.Emit(TokenType.Pipe); break;
            case '"': return LexQuote;
            case '`': return LexRawQuote;
            case '$': return LexVariable;
            case '\'': return LexChar;
            case '.':
                if (l._pos < l._input.Length)
                {
                    char c = l._input[l._pos];
                    if (c < '0' || c > '9') return LexField;
                }
                l.Backup();
                return LexNumber;
            case '+' or '-' or (>= '0' and <= '9'):
                l.Backup();
                return LexNumber;
            case '(':
                l.Emit(TokenType.LeftParen);
                l._parenDepth++;
                break;
            case ')':
                l.Emit(TokenType.RightParen);
                l._parenDepth--;
                if (l._parenDepth < 0) return l.Errorf("unexpected right paren " + FormatRune(r))!;
                break;
            default:
                if (IsAlphaNumeric(r))
                {
                    l.Backup();
                    return LexIdentifier;
                }
                if (r <= 127 && r >= 0x20 && r != 0x7f)
                {
                    l.Emit(TokenType.Char);
                    break;
                }
                return l.Errorf("unrecognized character in action: " + FormatRune(r))!;
        }
        return LexInsideAction;
    }

    private static State LexSpace(Lexer l)
    {
        int numSpaces = 0;
        while (IsSpace(l.Peek()))
        {
            l.Next();
            numSpaces++;
        }
        if (l.HasRightTrimMarker(l._pos - 1) && l.StartsWithAt(l._pos - 1 + 2, RightDelim))
        {
            l.Backup();
            if (numSpaces == 1) return LexRightDelim;
        }
        l.Emit(TokenType.Space);
        return LexInsideAction;
    }

    private static State LexIdentifier(Lexer l)
    {
        int r;
        while (IsAlphaNumeric(r = l.Next())) { }
        l.Backup();
        string word = l._input[l._start..l._pos];
        if (!l.AtTerminator()) return l.Errorf("bad character " + FormatRune(r))!;
        if (Keywords.TryGetValue(word, out var kw) && kw > TokenType.Keyword) l.Emit(kw);
        else if (word[0] == '.') l.Emit(TokenType.Field);
        else if (word is "true" or "false") l.Emit(TokenType.Bool);
        else l.Emit(TokenType.Identifier);
        return LexInsideAction;
    }

    private static State LexField(Lexer l) => LexFieldOrVariable(l, TokenType.Field);

    private static State LexVariable(Lexer l)
    {
        if (l.AtTerminator())
        {
            l.Emit(TokenType.Variable);
            return LexInsideAction;
        }
        return LexFieldOrVariable(l, TokenType.Variable);
    }

    private static State LexFieldOrVariable(Lexer l, TokenType typ)
    {
        if (l.AtTerminator())
        {
            l.Emit(typ == TokenType.Variable ? TokenType.Variable : TokenType.Dot);
            return LexInsideAction;
        }
        int r;
        while (IsAlphaNumeric(r = l.Next())) { }
        l.Backup();
        if (!l.AtTerminator()) return l.Errorf("bad character " + FormatRune(r))!;
        l.Emit(typ);
        return LexInsideAction;
    }

    private static State LexChar(Lexer l) => LexQuoted(l, '\'', TokenType.CharConstant, "unterminated character constant");

    private static State LexQuote(Lexer l) => LexQuoted(l, '"', TokenType.String, "unterminated quoted string");

    private static State LexQuoted(Lexer l, char quote, TokenType type, string error)
    {
        while (true)
        {
            int r = l.Next();
            if (r == '\\')
            {
                r = l.Next();
                if (r != -1 && r != '\n') continue;
                return l.Errorf(error)!;
            }
            if (r == -1 || r == '\n') return l.Errorf(error)!;
            if (r == quote) break;
        }
        l.Emit(type);
        return LexInsideAction;
    }

    private static State LexRawQuote(Lexer l)
    {
        while (true)
        {
            int r = l.Next();
            if (r == -1) return l.Errorf("unterminated raw quoted string")!;
            if (r == '`') break;
        }
        l.Emit(TokenType.RawString);
        return LexInsideAction;
    }

    private static State LexNumber(Lexer l)
    {
        if (!l.ScanNumber()) return l.Errorf("bad number syntax: " + Formatting.GoQuote.Quote(l._input[l._start..l._pos]))!;
        int sign = l.Peek();
        if (sign == '+' || sign == '-')
        {
            if (!l.ScanNumber() || l._input[l._pos - 1] != 'i')
                return l.Errorf("bad number syntax: " + Formatting.GoQuote.Quote(l._input[l._start..l._pos]))!;
            l.Emit(TokenType.Complex);
        }
        else
        {
            l.Emit(TokenType.Number);
        }
        return LexInsideAction;
    }

    private bool ScanNumber()
    {
        Accept("+-");
        string digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX")) digits = "0123456789abcdefABCDEF_";
            else if (Accept("oO")) digits = "01234567_";
            else if (Accept("bB")) digits = "01_";
        }
        AcceptRun(digits);
        if (Accept(".")) AcceptRun(digits);
        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }
        return true;
    }
}
