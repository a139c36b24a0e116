using Corral.Templating.Jinja.Lexing;

namespace Corral.Templating.Jinja.Syntax;

/// <summary>Call arguments, filters and tests.</summary>
internal sealed partial class Parser
{
    private (Expr[] Args, KeyValuePair<string, Expr>[] Kwargs) ParseCallArgs()
    {
        ExpectOp("(");
        var args = new List<Expr>();
        var kwargs = new List<KeyValuePair<string, Expr>>();
        while (!Current.IsOp(")"))
        {
            if (args.Count + kwargs.Count > 0)
            {
                ExpectOp(",");
                if (Current.IsOp(")"))
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Name && _tokens[_i + 1].IsOp("="))
            {
                var key = Next().Value;
                _i++;
                kwargs.Add(new(key, ParseExpression()));
            }
            else
            {
                if (kwargs.Count > 0)
                {
                    throw Fail("Invalid argument syntax");
                }

                args.Add(ParseExpression());
            }
        }

        _i++;
        return ([.. args], [.. kwargs]);
    }

    private CallExpr ParseCall(Expr callee)
    {
        var line = CurLine;
        var (args, kwargs) = ParseCallArgs();
        return new CallExpr(line, callee, args, kwargs);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (SkipOp("|"))
            {
                node = ParseFilterTail(node);
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.IsOp("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private FilterExpr ParseFilterTail(Expr? target)
    {
        var line = CurLine;
        var name = ExpectName();
        while (Current.IsOp(".") && _tokens[_i + 1].Kind == TokenKind.Name)
        {
            _i++;
            name += "." + Next().Value;
        }

        if (!Current.IsOp("("))
        {
            return new FilterExpr(line, target, name, [], []);
        }

        var (args, kwargs) = ParseCallArgs();
        return new FilterExpr(line, target, name, args, kwargs);
    }

    private Expr ParseTest(Expr node)
    {
        var line = CurLine;
        _i++;
        var negated = SkipName("not");
        var name = ExpectName();
        Expr[] args = [];
        KeyValuePair<string, Expr>[] kwargs = [];
        var c = Current;
        if (c.IsOp("("))
        {
            (args, kwargs) = ParseCallArgs();
        }
        else if ((c.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float || c.IsOp("[") || c.IsOp("{"))
                 && !(c.IsName("else") || c.IsName("or") || c.IsName("and")))
        {
            if (c.IsName("is"))
            {
                throw Fail("You cannot chain multiple tests with is");
            }

            args = [ParsePostfix(ParsePrimary())];
        }

        Expr test = new TestExpr(line, node, name, args, kwargs);
        return negated ? new UnaryExpr(line, "not", test) : test;
    }
}
