namespace Corral.Templating.Jinja.Lexing;

/// <summary>Kinds of lexer tokens.</summary>
internal enum TokenKind
{
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

/// <summary>A lexer token; <paramref name="Pos"/> is the offset in the normalized source.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos, object? Literal = null)
{
    public bool IsOp(string op) => Kind == TokenKind.Operator && Value == op;

    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;
}

/// <summary>Maps source offsets to 1-based line and column.</summary>
internal sealed class LineMap
{
    private readonly List<int> _starts = [0];

    public LineMap(string source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Locate(int pos)
    {
        var idx = _starts.BinarySearch(pos);
        if (idx < 0)
        {
            idx = ~idx - 1;
        }

        return (idx + 1, pos - _starts[idx] + 1);
    }
}
