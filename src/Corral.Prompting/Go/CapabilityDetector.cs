using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's template-derived capabilities: <c>tools</c> when the template references <c>.Tools</c>,
/// <c>insert</c> when it references <c>.Suffix</c>, and <c>thinking</c> when <c>thinking.InferTags</c> finds both an
/// opening and a closing tag around a <c>.Thinking</c> inside a <c>range .Messages</c>.</summary>
internal static class CapabilityDetector
{
    public static TemplateCapabilities Detect(ListNode mainRoot, IReadOnlySet<string> vars)
    {
        var (open, close) = InferTags(mainRoot);
        bool thinking = open.Length > 0 && close.Length > 0;
        return new TemplateCapabilities
        {
            Tools = vars.Contains("tools"),
            Insert = vars.Contains("suffix"),
            Thinking = thinking,
            ThinkingOpenTag = thinking ? open : null,
            ThinkingCloseTag = thinking ? close : null,
        };
    }

    /// <summary>Ollama's heuristic: for every field whose first identifier is <c>Thinking</c> and whose nearest enclosing
    /// range iterates a field named <c>Messages</c>, the nearest enclosing list's first and last text nodes (trimmed) become
    /// the opening and closing tags; later matches overwrite earlier ones.</summary>
    public static (string Open, string Close) InferTags(ListNode root)
    {
        var state = new TagState();
        Visit(root, state);
        return (state.Open, state.Close);
    }

    private sealed class TagState
    {
        public readonly List<GoNode> Ancestors = [];
        public string Open = "", Close = "";
    }

    private static void Visit(GoNode? n, TagState s)
    {
        if (n == null) return;
        s.Ancestors.Add(n);
        if (n is FieldNode { Ident.Count: > 0 } f && f.Ident[0] == "Thinking") OnThinking(s);
        switch (n)
        {
            case ListNode l:
                foreach (var c in l.Nodes) Visit(c, s);
                break;
            case BranchNode b:
                Visit(b.Pipe, s);
                Visit(b.List, s);
                Visit(b.ElseList, s);
                break;
            case ActionNode a:
                Visit(a.Pipe, s);
                break;
            case TemplateNode t:
                Visit(t.Pipe, s);
                break;
            case PipeNode p:
                foreach (var c in p.Cmds) Visit(c, s);
                break;
            case CommandNode c:
                foreach (var a in c.Args) Visit(a, s);
                break;
        }
        s.Ancestors.RemoveAt(s.Ancestors.Count - 1);
    }

    private static void OnThinking(TagState s)
    {
        var range = (RangeNode?)s.Ancestors.FindLast(a => a is RangeNode);
        if (range == null || !UsesField(range.Pipe, "Messages")) return;
        if (s.Ancestors.FindLast(a => a is ListNode) is not ListNode { Nodes.Count: > 0 } list) return;
        if (list.Nodes[0] is TextNode first) s.Open = first.Text.Trim();
        if (list.Nodes[^1] is TextNode last) s.Close = last.Text.Trim();
    }

    /// <summary>Ollama's <c>rangeUsesField</c>: a field node in the range pipeline whose first identifier matches.</summary>
    private static bool UsesField(GoNode? n, string field) => n switch
    {
        FieldNode f => f.Ident.Count > 0 && f.Ident[0] == field,
        PipeNode p => p.Cmds.Any(c => UsesField(c, field)),
        CommandNode c => c.Args.Any(a => UsesField(a, field)),
        _ => false,
    };
}
