namespace Corral.Templating.Go.Parsing;

internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, TokenType end)
    {
        var token = PeekNonSpace();
        var pipe = new PipeNode(token.Pos, token.Line, new List<VariableNode>(), new List<CommandNode>());
    decls:
        var v = PeekNonSpace();
        if (v.Type == TokenType.Variable)
        {
            int mark = _index;
            NextNonSpace();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Type is TokenType.Assign or TokenType.Declare)
            {
                pipe.IsAssign = next.Type == TokenType.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, new[] { v.Val }));
                _vars.Add(v.Val);
            }
            else if (next.Type == TokenType.Char && next.Val == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, new[] { v.Val }));
                _vars.Add(v.Val);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    var t = PeekNonSpace().Type;
                    if (t is TokenType.Variable or TokenType.RightDelim or TokenType.RightParen) goto decls;
                    throw Error("range can only initialize variables");
                }
                throw Error("too many declarations in " + context);
            }
            else
            {
                _index = mark;
                _ = afterVariable;
            }
        }
        while (true)
        {
            var t = NextNonSpace();
            if (t.Type == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (t.Type)
            {
                case TokenType.Bool or TokenType.CharConstant or TokenType.Complex or TokenType.Dot or TokenType.Field
                    or TokenType.Identifier or TokenType.Number or TokenType.Nil or TokenType.RawString or TokenType.String
                    or TokenType.Variable or TokenType.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(t, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0) throw Error("missing value for " + context);
        for (int i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
                throw Error("non executable command in pipeline stage " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos, new List<GoNode>());
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand != null) cmd.Args.Add(operand);
            var token = NextToken();
            if (token.Type == TokenType.Space) continue;
            if (token.Type is TokenType.RightDelim or TokenType.RightParen) Backup();
            else if (token.Type != TokenType.Pipe) throw Unexpected(token, "operand");
            break;
        }
        if (cmd.Args.Count == 0) throw Error("empty command");
        return cmd;
    }

    private GoNode? Operand()
    {
        var node = Term();
        if (node == null) return null;
        if (Peek().Type == TokenType.Field)
        {
            int chainPos = Peek().Pos;
            var fields = new List<string>();
            while (Peek().Type == TokenType.Field) AddChainField(fields, NextToken().Val);
            switch (node)
            {
                case FieldNode f:
                    node = new FieldNode(chainPos, Concat(f.Ident, fields));
                    break;
                case VariableNode v:
                    node = new VariableNode(chainPos, Concat(v.Ident, fields));
                    break;
                case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                    throw Error("unexpected . after term " + Formatting.GoQuote.Quote(node.ToString()));
                default:
                    node = new ChainNode(chainPos, node, fields);
                    break;
            }
        }
        return node;
    }

    private static void AddChainField(List<string> fields, string field)
    {
        // Go's ChainNode.Add: strip the leading '.' and split on further dots.
        foreach (var part in field.TrimStart('.').Split('.'))
            fields.Add(part);
    }

    private static string[] Concat(IReadOnlyList<string> a, List<string> b)
    {
        var r = new string[a.Count + b.Count];
        for (int i = 0; i < a.Count; i++) r[i] = a[i];
        for (int i = 0; i < b.Count; i++) r[a.Count + i] = b[i];
        return r;
    }

    private GoNode? Term()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Identifier:
                if (!_hasFunction(token.Val)) throw Error("function " + Formatting.GoQuote.Quote(token.Val) + " not defined");
                return new IdentifierNode(token.Pos, token.Val);
            case TokenType.Dot: return new DotNode(token.Pos);
            case TokenType.Nil: return new NilNode(token.Pos);
            case TokenType.Variable: return UseVar(token);
            case TokenType.Field: return new FieldNode(token.Pos, new[] { token.Val[1..] });
            case TokenType.Bool: return new BoolNode(token.Pos, token.Val == "true");
            case TokenType.CharConstant or TokenType.Complex or TokenType.Number:
                return NumberParser.Parse(token.Pos, token.Val, token.Type, out var numErr) ?? throw Error(numErr!);
            case TokenType.LeftParen:
                Enter();
                var p = Pipeline("parenthesized pipeline", TokenType.RightParen);
                Leave();
                return p;
            case TokenType.String or TokenType.RawString:
                return new StringNode(token.Pos, token.Val, UnquoteOrThrow(token.Val));
        }
        Backup();
        return null;
    }

    private VariableNode UseVar(Token token)
    {
        var ident = token.Val.Split('.');
        if (!_vars.Contains(ident[0])) throw Error("undefined variable " + Formatting.GoQuote.Quote(ident[0]));
        return new VariableNode(token.Pos, ident);
    }
}
