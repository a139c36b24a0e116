using System.Globalization;
using System.Text;

namespace Corral.Templating.Go.Parsing;

/// <summary>Port of Go's <c>parse.Tree</c> parser. One instance parses one source text into a template set.</summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly string _parseName;
    private readonly List<Token> _tokens;
    private readonly Dictionary<string, ListNode> _treeSet;
    private readonly Func<string, bool> _hasFunction;
    private readonly int _maxDepth;
    private int _index;
    private int _maxRead;
    private List<string> _vars = new() { "$" };
    private int _actionLine;
    private int _rangeDepth;
    private int _depth;

    private Parser(string name, string text, Dictionary<string, ListNode> treeSet, Func<string, bool> hasFunction, int maxDepth)
    {
        _parseName = name;
        _text = text;
        _tokens = Lexer.Lex(text);
        var last = _tokens[^1];
        for (int i = 0; i < 4; i++) _tokens.Add(last);
        _treeSet = treeSet;
        _hasFunction = hasFunction;
        _maxDepth = maxDepth;
    }

    /// <summary>Parses <paramref name="text"/>; the result maps template names to their roots.</summary>
    public static Dictionary<string, ListNode> Parse(string name, string text, Func<string, bool> hasFunction, int maxDepth)
    {
        var set = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var p = new Parser(name, text, set, hasFunction, maxDepth);
        var root = p.ParseTop();
        p.Add(name, root);
        return set;
    }

    private Token NextToken()
    {
        if (_index >= _tokens.Count) _index = _tokens.Count - 1;
        var t = _tokens[_index++];
        _maxRead = Math.Max(_maxRead, _index - 1);
        return t;
    }

    private void Backup() => _index--;

    private Token Peek()
    {
        var t = NextToken();
        Backup();
        return t;
    }

    private Token NextNonSpace()
    {
        Token t;
        do t = NextToken(); while (t.Type == TokenType.Space);
        return t;
    }

    private Token PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    private int CurrentLine => _tokens[Math.Max(0, _maxRead)].Line;

    private GoTemplateSyntaxException Error(string message)
    {
        var tok = _tokens[Math.Max(0, _maxRead)];
        return new GoTemplateSyntaxException(
            string.Create(CultureInfo.InvariantCulture, $"template: {_parseName}:{CurrentLine}: {message}"),
            _parseName, CurrentLine, ByteColumn(_text, tok.Pos));
    }

    internal static int ByteColumn(string text, int pos)
    {
        pos = Math.Min(pos, text.Length);
        int nl = text.LastIndexOf('\n', Math.Max(0, pos - 1), pos);
        int start = nl < 0 ? 0 : nl + 1;
        return Encoding.UTF8.GetByteCount(text.AsSpan(start, pos - start));
    }

    private Token Expect(TokenType expected, string context)
    {
        var token = NextNonSpace();
        if (token.Type != expected) throw Unexpected(token, context);
        return token;
    }

    private Token ExpectOneOf(TokenType e1, TokenType e2, string context)
    {
        var token = NextNonSpace();
        if (token.Type != e1 && token.Type != e2) throw Unexpected(token, context);
        return token;
    }

    private GoTemplateSyntaxException Unexpected(Token token, string context)
    {
        if (token.Type == TokenType.Error)
        {
            string extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = string.Create(CultureInfo.InvariantCulture, $" in action started at {_parseName}:{_actionLine}");
                if (token.Val.EndsWith(" action", StringComparison.Ordinal)) extra = extra[" in action".Length..];
            }
            return Error(token.Val + extra);
        }
        return Error("unexpected " + token + " in " + context);
    }

    private void Add(string name, ListNode root)
    {
        if (!_treeSet.TryGetValue(name, out var existing) || IsEmptyTree(existing))
        {
            _treeSet[name] = root;
            return;
        }
        if (!IsEmptyTree(root)) throw Error("template: multiple definition of template " + Formatting.GoQuote.Quote(name));
    }

    /// <summary>Go's <c>parse.IsEmptyTree</c>.</summary>
    internal static bool IsEmptyTree(GoNode? n) => n switch
    {
        null => true,
        CommentNode => true,
        ListNode l => l.Nodes.TrueForAll(IsEmptyTree),
        TextNode t => string.IsNullOrWhiteSpace(t.Text),
        _ => false,
    };

    private void Enter()
    {
        if (++_depth > _maxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error("max expression depth exceeded");
    }

    private void Leave() => _depth--;
}
