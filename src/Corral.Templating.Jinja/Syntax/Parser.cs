using Corral.Templating.Jinja.Lexing;

namespace Corral.Templating.Jinja.Syntax;

/// <summary>Recursive-descent parser producing statement and expression records (jinja2 grammar).</summary>
internal sealed partial class Parser
{
    private const int MaxNesting = 120;
    private readonly List<Token> _tokens;
    private readonly LineMap _lines;
    private readonly string? _name;
    private int _i;
    private int _nesting;
    private int _loopDepth;

    private Parser(List<Token> tokens, LineMap lines, string? name)
    {
        _tokens = tokens;
        _lines = lines;
        _name = name;
    }

    public static Stmt[] Parse(string normalizedSource, string? name)
    {
        var (tokens, lines) = Lexer.Tokenize(normalizedSource, name);
        var parser = new Parser(tokens, lines, name);
        var body = parser.ParseBody([], out _);
        Validator.Check(body, (msg, line) => new JinjaSyntaxException(msg, name, line, 1));
        return body;
    }

    private Token Current => _tokens[_i];

    private Token Next() => _tokens[_i++];

    private int LineOf(Token t) => _lines.Locate(t.Pos).Line;

    private int CurLine => LineOf(Current);

    private JinjaSyntaxException Fail(string message, Token? at = null)
    {
        var (line, col) = _lines.Locate((at ?? Current).Pos);
        return new JinjaSyntaxException(message, _name, line, col);
    }

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.Name => $"'{t.Value}'",
        TokenKind.Operator => $"'{t.Value}'",
        _ => t.Kind.ToString().ToLowerInvariant(),
    };

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Fail($"expected token '{what}', got {Describe(Current)}");
        }

        return Next();
    }

    private void ExpectOp(string op)
    {
        if (!Current.IsOp(op))
        {
            throw Fail($"expected token '{op}', got {Describe(Current)}");
        }

        _i++;
    }

    private bool SkipOp(string op)
    {
        if (Current.IsOp(op))
        {
            _i++;
            return true;
        }

        return false;
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            _i++;
            return true;
        }

        return false;
    }

    private string ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Fail($"expected token 'name', got {Describe(Current)}");
        }

        return Next().Value;
    }

    /// <summary>Parses statements until a block tag whose name is in <paramref name="endTags"/>; stops after that name.</summary>
    private Stmt[] ParseBody(string[] endTags, out string? endTag)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.Eof:
                    if (endTags.Length > 0)
                    {
                        throw Fail($"Unexpected end of template. Jinja was looking for the following tags: {string.Join(" or ", endTags.Select(e => $"'{e}'"))}.");
                    }

                    endTag = null;
                    return [.. body];
                case TokenKind.Data:
                    _i++;
                    body.Add(new TextStmt(LineOf(t), t.Value));
                    break;
                case TokenKind.VariableBegin:
                    _i++;
                    var line = CurLine;
                    var expr = ParseTuple(allowEmpty: false);
                    Expect(TokenKind.VariableEnd, "end of print statement");
                    body.Add(new OutputStmt(line, expr));
                    break;
                case TokenKind.BlockBegin:
                    _i++;
                    if (Current.Kind == TokenKind.Name && Array.IndexOf(endTags, Current.Value) >= 0)
                    {
                        endTag = Next().Value;
                        return [.. body];
                    }

                    body.Add(ParseStatement());
                    break;
                default:
                    throw Fail($"unexpected {Describe(t)}");
            }
        }
    }

    private void EndBlock() => Expect(TokenKind.BlockEnd, "end of statement block");

    private Stmt ParseStatement()
    {
        var tok = Current;
        if (tok.Kind != TokenKind.Name)
        {
            throw Fail("tag name expected");
        }

        if (++_nesting > MaxNesting)
        {
            throw Fail("template nesting too deep");
        }

        try
        {
            _i++;
            var line = LineOf(tok);
            switch (tok.Value)
            {
                case "if": return ParseIf(line);
                case "for": return ParseFor(line);
                case "set": return ParseSet(line);
                case "macro": return ParseMacro(line);
                case "call": return ParseCallBlock(line);
                case "filter": return ParseFilterBlock(line);
                case "with": return ParseWith(line);
                case "generation":
                    EndBlock();
                    return new GenerationStmt(line, ParseBodyClosed(["endgeneration"]));
                case "break" or "continue":
                    if (_loopDepth == 0)
                    {
                        throw Fail($"'{tok.Value}' outside loop", tok);
                    }

                    EndBlock();
                    return tok.Value == "break" ? new BreakStmt(line) : new ContinueStmt(line);
                default:
                    throw Fail($"Encountered unknown tag '{tok.Value}'.", tok);
            }
        }
        finally
        {
            _nesting--;
        }
    }

    private Stmt[] ParseBodyClosed(string[] endTags)
    {
        var body = ParseBody(endTags, out _);
        EndBlock();
        return body;
    }

    private IfStmt ParseIf(int line)
    {
        var branches = new List<(Expr, Stmt[])>();
        Stmt[]? elseBody = null;
        var test = ParseTuple(allowEmpty: false);
        while (true)
        {
            EndBlock();
            var body = ParseBody(["elif", "else", "endif"], out var end);
            branches.Add((test, body));
            if (end == "elif")
            {
                test = ParseTuple(allowEmpty: false);
                continue;
            }

            if (end == "else")
            {
                EndBlock();
                elseBody = ParseBody(["endif"], out _);
            }

            EndBlock();
            return new IfStmt(line, [.. branches], elseBody);
        }
    }

    private ForStmt ParseFor(int line)
    {
        var target = ParseAssignTarget(allowNamespace: false);
        if (!SkipName("in"))
        {
            throw Fail($"expected token 'in', got {Describe(Current)}");
        }

        var iter = ParseTuple(allowEmpty: false, withCondExpr: false);
        Expr? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression();
        }

        var recursive = SkipName("recursive");
        EndBlock();
        _loopDepth++;
        var body = ParseBody(["endfor", "else"], out var end);
        _loopDepth--;
        Stmt[]? elseBody = null;
        if (end == "else")
        {
            EndBlock();
            elseBody = ParseBody(["endfor"], out _);
        }

        EndBlock();
        return new ForStmt(line, target, iter, filter, body, elseBody, recursive);
    }

    private Stmt ParseSet(int line)
    {
        var target = ParseAssignTarget(allowNamespace: true);
        if (SkipOp("="))
        {
            var value = ParseTuple(allowEmpty: false);
            EndBlock();
            return new SetStmt(line, target, value);
        }

        var filters = ParseFilterChain();
        EndBlock();
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseBodyClosed(["endset"]);
        _loopDepth = saved;
        return new SetBlockStmt(line, target, filters, body);
    }

    private FilterExpr[] ParseFilterChain()
    {
        var filters = new List<FilterExpr>();
        while (SkipOp("|"))
        {
            filters.Add(ParseFilterTail(null));
        }

        return [.. filters];
    }

    private Expr ParseAssignTarget(bool allowNamespace)
    {
        var line = CurLine;
        var items = new List<Expr>();
        do
        {
            var name = ExpectName();
            if (allowNamespace && Current.IsOp("."))
            {
                _i++;
                return new GetAttrExpr(line, new NameExpr(line, name), ExpectName());
            }

            if (name is "true" or "false" or "none" or "True" or "False" or "None")
            {
                throw Fail($"Can't assign to '{name}'");
            }

            items.Add(new NameExpr(line, name));
        }
        while (SkipOp(","));

        return items.Count == 1 ? items[0] : new TupleExpr(line, [.. items]);
    }

    private (string[] Names, Expr?[] Defaults) ParseSignature()
    {
        var names = new List<string>();
        var defaults = new List<Expr?>();
        ExpectOp("(");
        while (!Current.IsOp(")"))
        {
            if (names.Count > 0)
            {
                ExpectOp(",");
                if (Current.IsOp(")"))
                {
                    break;
                }
            }

            names.Add(ExpectName());
            defaults.Add(SkipOp("=") ? ParseExpression() : null);
        }

        _i++;
        return ([.. names], [.. defaults]);
    }

    private MacroStmt ParseMacro(int line)
    {
        var name = ExpectName();
        var (names, defaults) = ParseSignature();
        EndBlock();
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseBodyClosed(["endmacro"]);
        _loopDepth = saved;
        return new MacroStmt(line, name, names, defaults, body);
    }

    private CallBlockStmt ParseCallBlock(int line)
    {
        string[] names = [];
        Expr?[] defaults = [];
        if (Current.IsOp("("))
        {
            (names, defaults) = ParseSignature();
        }

        var call = ParseExpression() as CallExpr ?? throw Fail("expected call");
        EndBlock();
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseBodyClosed(["endcall"]);
        _loopDepth = saved;
        return new CallBlockStmt(line, call, names, defaults, body);
    }

    private WithStmt ParseWith(int line)
    {
        var assignments = new List<(string, Expr)>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                ExpectOp(",");
            }

            var name = ExpectName();
            ExpectOp("=");
            assignments.Add((name, ParseExpression()));
        }

        EndBlock();
        return new WithStmt(line, [.. assignments], ParseBodyClosed(["endwith"]));
    }

    private FilterBlockStmt ParseFilterBlock(int line)
    {
        var filters = new List<FilterExpr> { ParseFilterTail(null) };
        filters.AddRange(ParseFilterChain());
        EndBlock();
        return new FilterBlockStmt(line, [.. filters], ParseBodyClosed(["endfilter"]));
    }
}
