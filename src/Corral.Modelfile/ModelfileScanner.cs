namespace Corral.Modelfile;

/// <summary>The single-pass scanner behind <see cref="ModelfileParser"/>; tracks line and column for errors.</summary>
internal sealed class ModelfileScanner
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public ModelfileScanner(string text, int start)
    {
        _text = text;
        _pos = start;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    public List<ModelfileCommand> ScanAll()
    {
        var commands = new List<ModelfileCommand>();
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                return commands;
            }

            if (Current == '#')
            {
                while (!AtEnd && Current is not ('\r' or '\n'))
                {
                    Advance();
                }

                continue;
            }

            commands.Add(ScanInstruction());
        }
    }

    private ModelfileCommand ScanInstruction()
    {
        int line = _line, column = _column, start = _pos;
        while (!AtEnd && ModelfileKeywords.IsAsciiLetter(Current))
        {
            Advance();
        }

        var keyword = _text.AsSpan(start, _pos - start);
        var known = ModelfileKeywords.TryParse(keyword, out var instruction);
        if (AtEnd || Current is not (' ' or '\t'))
        {
            if (!known)
            {
                throw new ModelfileSyntaxException(ModelfileKeywords.InvalidCommandMessage, line, column);
            }

            if (AtEnd || Current is '\r' or '\n')
            {
                throw Error($"unexpected EOF: {ModelfileKeywords.ToKeyword(instruction)} requires an argument");
            }

            throw Error(ModelfileKeywords.InvalidCommandMessage);
        }

        if (!known)
        {
            throw new ModelfileSyntaxException(ModelfileKeywords.InvalidCommandMessage, line, column);
        }

        Advance(); // the separator
        string? name = instruction switch
        {
            ModelfileInstruction.Parameter => ScanParameterName(),
            ModelfileInstruction.Message => ScanRole(),
            _ => null,
        };

        var value = ScanValue();
        return new ModelfileCommand(instruction, name, value) { Line = line };
    }

    private string ScanParameterName()
    {
        SkipSpaces();
        var start = _pos;
        while (!AtEnd && ModelfileKeywords.IsParameterNameChar(Current))
        {
            Advance();
        }

        var name = _text[start.._pos];
        if (AtEnd || Current is '\r' or '\n')
        {
            throw Error(name.Length == 0
                ? "unexpected EOF: PARAMETER requires a name and a value"
                : $"unexpected EOF: missing value for parameter '{name}'");
        }

        if (Current is not (' ' or '\t') || name.Length == 0)
        {
            throw Error($"invalid character {Describe(Current)} in parameter name");
        }

        Advance();
        return name;
    }

    private string ScanRole()
    {
        SkipSpaces();
        int line = _line, column = _column, start = _pos;
        while (!AtEnd && ModelfileKeywords.IsAsciiLetter(Current))
        {
            Advance();
        }

        var role = _text[start.._pos];
        if (ModelfileKeywords.IsValidMessageRole(role) && (AtEnd || Current is '\r' or '\n'))
        {
            throw Error($"unexpected EOF: missing content for {role} message");
        }

        if (!ModelfileKeywords.IsValidMessageRole(role) || Current is not (' ' or '\t'))
        {
            throw new ModelfileSyntaxException(ModelfileKeywords.InvalidRoleMessage, line, column);
        }

        Advance();
        return role;
    }

    private string ScanValue()
    {
        var accumulator = new ValueAccumulator();
        int quoteLine = _line, quoteColumn = _column;
        while (!AtEnd)
        {
            var c = Current;
            var hadStart = accumulator.FirstNonWhiteSpace >= 0;
            if (!hadStart)
            {
                (quoteLine, quoteColumn) = (_line, _column);
            }

            if (accumulator.Offer(c))
            {
                Advance();
                return accumulator.GetValue();
            }

            Advance();
        }

        if (!accumulator.IsComplete)
        {
            var quote = accumulator.IsTripleQuoted ? "\"\"\"" : "\"";
            throw new ModelfileSyntaxException($"unexpected EOF: unterminated {quote} quote", quoteLine, quoteColumn);
        }

        return accumulator.GetValue();
    }

    private void SkipBlank()
    {
        while (!AtEnd && (Current is ' ' or '\t' or '\r' or '\n' || ValueAccumulator.IsDropped(Current)))
        {
            Advance();
        }
    }

    private void SkipSpaces()
    {
        while (!AtEnd && Current is ' ' or '\t')
        {
            Advance();
        }
    }

    private void Advance()
    {
        var c = _text[_pos++];
        if (c == '\n' || (c == '\r' && (AtEnd || _text[_pos] != '\n')))
        {
            _line++;
            _column = 1;
        }
        else if (!(char.IsLowSurrogate(c) && _pos >= 2 && char.IsHighSurrogate(_text[_pos - 2])))
        {
            _column++;
        }
    }

    private ModelfileSyntaxException Error(string reason) => new(reason, _line, _column);

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
