using System.Globalization;

namespace Corral.Templating.Go.Parsing;

/// <summary>Port of Go's <c>text/template/parse</c> lexer, producing all tokens eagerly.</summary>
internal sealed partial class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";

    private readonly string _input;
    private readonly List<Token> _items = new();
    private int _pos;
    private int _start;
    private int _parenDepth;
    private int _line = 1;
    private int _startLine = 1;
    private bool _atEof;

    private Lexer(string input) => _input = input;

    public static List<Token> Lex(string input)
    {
        var l = new Lexer(input);
        l.Run();
        return l._items;
    }

    private delegate State State(Lexer l);

    private void Run()
    {
        State? state = LexText;
        while (state != null) state = state(this);
    }

    private int Next()
    {
        if (_pos >= _input.Length)
        {
            _atEof = true;
            return -1;
        }
        char r = _input[_pos++];
        if (r == '\n') _line++;
        return r;
    }

    private int Peek()
    {
        int r = Next();
        Backup();
        return r;
    }

    private void Backup()
    {
        if (!_atEof && _pos > 0)
        {
            _pos--;
            if (_input[_pos] == '\n') _line--;
        }
    }

    private void Emit(TokenType t)
    {
        _items.Add(new Token(t, _start, _input[_start.._pos], _startLine));
        _start = _pos;
        _startLine = _line;
    }

    private void Ignore()
    {
        _line += CountNewlines(_start, _pos);
        _start = _pos;
        _startLine = _line;
    }

    private int CountNewlines(int from, int to)
    {
        int n = 0;
        for (int i = from; i < to; i++) if (_input[i] == '\n') n++;
        return n;
    }

    private bool Accept(string valid)
    {
        int r = Next();
        if (r >= 0 && valid.Contains((char)r)) return true;
        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            int r = Next();
            if (r < 0 || !valid.Contains((char)r)) break;
        }
        Backup();
    }

    private State? Errorf(string message)
    {
        _items.Add(new Token(TokenType.Error, _start, message, _startLine));
        return null;
    }

    private bool StartsWithAt(int at, string s) =>
        at <= _input.Length && string.CompareOrdinal(_input, at, s, 0, s.Length) == 0 && at + s.Length <= _input.Length;

    private static bool IsSpace(int r) => r == ' ' || r == '\t' || r == '\r' || r == '\n';

    private static bool IsAlphaNumeric(int r) => r == '_' || (r >= 0 && (char.IsLetter((char)r) || char.IsDigit((char)r)));

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at >= 0 && at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    private static string FormatRune(int r) =>
        string.Create(CultureInfo.InvariantCulture, $"U+{r:X4}") + (r >= 0 && !char.IsControl((char)r) ? " '" + (char)r + "'" : "");

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && StartsWithAt(_pos + 2, RightDelim)) return (true, true);
        if (StartsWithAt(_pos, RightDelim)) return (true, false);
        return (false, false);
    }

    private int RightTrimLength(int from, int to)
    {
        int i = to;
        while (i > from && IsSpace(_input[i - 1])) i--;
        return to - i;
    }

    private int LeftTrimLength(int from)
    {
        int i = from;
        while (i < _input.Length && IsSpace(_input[i])) i++;
        return i - from;
    }

    private bool AtTerminator()
    {
        int r = Peek();
        if (IsSpace(r)) return true;
        switch (r)
        {
            case -1: case '.': case ',': case '|': case ':': case ')': case '(':
                return true;
        }
        return StartsWithAt(_pos, RightDelim);
    }
}
