using Corral.Templating.Jinja.Lexing;

namespace Corral.Templating.Jinja.Syntax;

/// <summary>Expression grammar, following jinja2.parser precedence.</summary>
internal sealed partial class Parser
{
    private static readonly string[] CompareOps = ["==", "!=", "<", "<=", ">", ">="];

    private Expr ParseTuple(bool allowEmpty, bool withCondExpr = true, bool explicitParens = false)
    {
        var line = CurLine;
        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                if (!SkipOp(","))
                {
                    break;
                }

                isTuple = true;
            }

            if (Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || Current.IsOp(")") || Current.IsName("in") && items.Count > 0)
            {
                break;
            }

            items.Add(withCondExpr ? ParseExpression() : ParseOr());
        }

        if (!isTuple)
        {
            if (items.Count == 1)
            {
                return items[0];
            }

            if (!explicitParens && !allowEmpty)
            {
                throw Fail($"Expected an expression, got {Describe(Current)}");
            }
        }

        return new TupleExpr(line, [.. items]);
    }

    private Expr ParseExpression()
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail("expression nesting too deep");
        }

        try
        {
            var line = CurLine;
            var expr = ParseOr();
            while (SkipName("if"))
            {
                var test = ParseOr();
                Expr? otherwise = SkipName("else") ? ParseExpression() : null;
                expr = new CondExpr(line, test, expr, otherwise);
            }

            return expr;
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var line = CurLine;
            _i++;
            left = new BinaryExpr(line, "or", left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var line = CurLine;
            _i++;
            left = new BinaryExpr(line, "and", left, ParseNot());
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var line = CurLine;
            _i++;
            return new UnaryExpr(line, "not", ParseNot());
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var line = CurLine;
        var first = ParseMath1();
        var rest = new List<(string, Expr)>();
        while (true)
        {
            if (Current.Kind == TokenKind.Operator && Array.IndexOf(CompareOps, Current.Value) >= 0)
            {
                var op = Next().Value;
                rest.Add((op, ParseMath1()));
            }
            else if (SkipName("in"))
            {
                rest.Add(("in", ParseMath1()));
            }
            else if (Current.IsName("not") && _tokens[_i + 1].IsName("in"))
            {
                _i += 2;
                rest.Add(("notin", ParseMath1()));
            }
            else
            {
                break;
            }
        }

        return rest.Count == 0 ? first : new CompareExpr(line, first, [.. rest]);
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOp("+") || Current.IsOp("-"))
        {
            var t = Next();
            left = new BinaryExpr(LineOf(t), t.Value, left, ParseConcat());
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var line = CurLine;
        var first = ParseMath2();
        if (!Current.IsOp("~"))
        {
            return first;
        }

        var parts = new List<Expr> { first };
        while (SkipOp("~"))
        {
            parts.Add(ParseMath2());
        }

        return new ConcatExpr(line, [.. parts]);
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var t = Next();
            left = new BinaryExpr(LineOf(t), t.Value, left, ParsePow());
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(true);
        while (Current.IsOp("**"))
        {
            var t = Next();
            left = new BinaryExpr(LineOf(t), "**", left, ParseUnary(true));
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail("expression nesting too deep");
        }

        try
        {
            var line = CurLine;
            Expr node;
            if (SkipOp("-"))
            {
                node = new UnaryExpr(line, "-", ParseUnary(false));
            }
            else if (SkipOp("+"))
            {
                node = new UnaryExpr(line, "+", ParseUnary(false));
            }
            else
            {
                node = ParsePrimary();
            }

            node = ParsePostfix(node);
            return withFilter ? ParseFilterExpr(node) : node;
        }
        finally
        {
            _nesting--;
        }
    }
}
