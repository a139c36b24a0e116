using Corral.Templating.Jinja.Lexing;

namespace Corral.Templating.Jinja.Syntax;

/// <summary>Primary expressions: literals, names, parentheses, lists, dicts, attribute and subscript postfixes.</summary>
internal sealed partial class Parser
{
    private Expr ParsePrimary()
    {
        var t = Current;
        var line = LineOf(t);
        switch (t.Kind)
        {
            case TokenKind.Name:
                _i++;
                return t.Value switch
                {
                    "true" or "True" => new ConstExpr(line, true),
                    "false" or "False" => new ConstExpr(line, false),
                    "none" or "None" => new ConstExpr(line, null),
                    _ => new NameExpr(line, t.Value),
                };
            case TokenKind.String:
                _i++;
                var s = (string)t.Literal!;
                while (Current.Kind == TokenKind.String)
                {
                    s += (string)Next().Literal!;
                }

                return new ConstExpr(line, s);
            case TokenKind.Integer or TokenKind.Float:
                _i++;
                return new ConstExpr(line, t.Literal);
            case TokenKind.Operator when t.Value == "(":
                _i++;
                var inner = ParseTuple(allowEmpty: true, explicitParens: true);
                ExpectOp(")");
                return inner;
            case TokenKind.Operator when t.Value == "[":
                _i++;
                var items = new List<Expr>();
                while (!Current.IsOp("]"))
                {
                    if (items.Count > 0)
                    {
                        ExpectOp(",");
                        if (Current.IsOp("]"))
                        {
                            break;
                        }
                    }

                    items.Add(ParseExpression());
                }

                _i++;
                return new ListExpr(line, [.. items]);
            case TokenKind.Operator when t.Value == "{":
                _i++;
                var pairs = new List<(Expr, Expr)>();
                while (!Current.IsOp("}"))
                {
                    if (pairs.Count > 0)
                    {
                        ExpectOp(",");
                        if (Current.IsOp("}"))
                        {
                            break;
                        }
                    }

                    var key = ParseExpression();
                    ExpectOp(":");
                    pairs.Add((key, ParseExpression()));
                }

                _i++;
                return new DictExpr(line, [.. pairs]);
            default:
                throw Fail($"unexpected {Describe(t)}");
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var t = Current;
            if (t.IsOp("."))
            {
                _i++;
                var n = Current;
                if (n.Kind == TokenKind.Name)
                {
                    _i++;
                    node = new GetAttrExpr(LineOf(t), node, n.Value);
                }
                else if (n.Kind == TokenKind.Integer)
                {
                    _i++;
                    node = new GetItemExpr(LineOf(t), node, new ConstExpr(LineOf(t), n.Literal));
                }
                else
                {
                    throw Fail("expected name or number");
                }
            }
            else if (t.IsOp("["))
            {
                _i++;
                node = new GetItemExpr(LineOf(t), node, ParseSubscript());
                ExpectOp("]");
            }
            else if (t.IsOp("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript()
    {
        var line = CurLine;
        Expr? start = null;
        if (!Current.IsOp(":"))
        {
            start = ParseExpression();
            if (!Current.IsOp(":"))
            {
                return start;
            }
        }

        _i++;
        Expr? stop = Current.IsOp("]") || Current.IsOp(":") ? null : ParseExpression();
        Expr? step = null;
        if (SkipOp(":") && !Current.IsOp("]"))
        {
            step = ParseExpression();
        }

        return new SliceExpr(line, start, stop, step);
    }
}
