namespace Corral.Templating.Go.Parsing;

internal sealed partial class Parser
{
    private ListNode ParseTop()
    {
        var root = new ListNode(Peek().Pos, new List<GoNode>());
        while (Peek().Type != TokenType.EOF)
        {
            if (Peek().Type == TokenType.LeftDelim)
            {
                int mark = _index;
                NextToken();
                if (NextNonSpace().Type == TokenType.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _index = mark;
            }
            var n = TextOrAction();
            if (n is EndNode or ElseNode) throw Error("unexpected " + n);
            root.Nodes.Add(n);
        }
        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var saved = _vars;
        _vars = new List<string> { "$" };
        var nameTok = ExpectOneOf(TokenType.String, TokenType.RawString, context);
        string name = UnquoteOrThrow(nameTok.Val);
        Expect(TokenType.RightDelim, context);
        var (root, end) = ItemList();
        if (end is not EndNode) throw Error("unexpected " + end + " in " + context);
        Add(name, root);
        _vars = saved;
    }

    private (ListNode List, GoNode End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos, new List<GoNode>());
        while (PeekNonSpace().Type != TokenType.EOF)
        {
            var n = TextOrAction();
            if (n is EndNode or ElseNode) return (list, n);
            list.Nodes.Add(n);
        }
        throw Error("unexpected EOF");
    }

    private GoNode TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Text:
                return new TextNode(token.Pos, token.Val);
            case TokenType.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            default:
                throw Unexpected(token, "input");
        }
    }

    private GoNode Action()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case TokenType.Block: return BlockControl();
            case TokenType.Break: return BreakOrContinue(token, "{{break}}", true);
            case TokenType.Continue: return BreakOrContinue(token, "{{continue}}", false);
            case TokenType.Else: return ElseControl();
            case TokenType.End: return new EndNode(Expect(TokenType.RightDelim, "end").Pos);
            case TokenType.If: return Control(TokenType.If, "if");
            case TokenType.Range: return Control(TokenType.Range, "range");
            case TokenType.Template: return TemplateControl();
            case TokenType.With: return Control(TokenType.With, "with");
        }
        Backup();
        var first = Peek();
        return new ActionNode(first.Pos, first.Line, Pipeline("command", TokenType.RightDelim));
    }

    private GoNode BreakOrContinue(Token token, string context, bool isBreak)
    {
        var next = NextNonSpace();
        if (next.Type != TokenType.RightDelim) throw Unexpected(next, context);
        if (_rangeDepth == 0) throw Error(context + " outside {{range}}");
        return isBreak ? new BreakNode(token.Pos, token.Line) : new ContinueNode(token.Pos, token.Line);
    }

    private GoNode Control(TokenType kind, string context)
    {
        Enter();
        int mark = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenType.RightDelim);
            if (kind == TokenType.Range) _rangeDepth++;
            var (list, next) = ItemList();
            if (kind == TokenType.Range) _rangeDepth--;
            ListNode? elseList = null;
            if (next is ElseNode)
            {
                // "else if" (and Go 1.23's "else with") chain into a nested control.
                var peek = Peek().Type;
                if ((kind == TokenType.If && peek == TokenType.If) || (kind == TokenType.With && peek == TokenType.With))
                {
                    NextToken();
                    elseList = new ListNode(next.Position, new List<GoNode> { Control(kind, context) });
                }
                else
                {
                    GoNode end;
                    (elseList, end) = ItemList();
                    if (end is not EndNode) throw Error("expected end; found " + end);
                }
            }
            return kind switch
            {
                TokenType.If => new IfNode(pipe.Position, pipe.Line, pipe, list, elseList),
                TokenType.Range => new RangeNode(pipe.Position, pipe.Line, pipe, list, elseList),
                _ => new WithNode(pipe.Position, pipe.Line, pipe, list, elseList),
            };
        }
        finally
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
            Leave();
        }
    }

    private GoNode ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type is TokenType.If or TokenType.With) return new ElseNode(peek.Pos, peek.Line);
        var token = Expect(TokenType.RightDelim, "else");
        return new ElseNode(token.Pos, token.Line);
    }

    private GoNode BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        string name = ParseTemplateName(token, context);
        var pipe = Pipeline(context, TokenType.RightDelim);
        var saved = _vars;
        _vars = new List<string> { "$" };
        int savedRange = _rangeDepth;
        _rangeDepth = 0;
        Enter();
        var (root, end) = ItemList();
        Leave();
        _rangeDepth = savedRange;
        _vars = saved;
        if (end is not EndNode) throw Error("unexpected " + end + " in " + context);
        Add(name, root);
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private GoNode TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        string name = ParseTemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != TokenType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenType.RightDelim);
        }
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private string ParseTemplateName(Token token, string context)
    {
        if (token.Type is TokenType.String or TokenType.RawString) return UnquoteOrThrow(token.Val);
        throw Unexpected(token, context);
    }

    private string UnquoteOrThrow(string quoted)
    {
        var s = Formatting.GoQuote.Unquote(quoted);
        return s ?? throw Error("invalid syntax");
    }
}
