namespace Corral.Templating.Go;

/// <summary>Depth-first traversal helpers over the syntax tree.</summary>
internal static class TreeWalker
{
    public static IEnumerable<GoNode> Descendants(GoNode root)
    {
        var stack = new Stack<GoNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            var children = Children(n);
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    public static IReadOnlyList<GoNode> Children(GoNode n) => n switch
    {
        ListNode l => l.Nodes,
        ActionNode a => new GoNode[] { a.Pipe },
        PipeNode p => Concat(p.Decl, p.Cmds),
        CommandNode c => c.Args,
        ChainNode ch => new[] { ch.Node },
        BranchNode b => b.ElseList == null ? new GoNode[] { b.Pipe, b.List } : new GoNode[] { b.Pipe, b.List, b.ElseList },
        TemplateNode t => t.Pipe == null ? Array.Empty<GoNode>() : new GoNode[] { t.Pipe },
        _ => Array.Empty<GoNode>(),
    };

    private static GoNode[] Concat(List<VariableNode> a, List<CommandNode> b)
    {
        var r = new GoNode[a.Count + b.Count];
        for (int i = 0; i < a.Count; i++) r[i] = a[i];
        for (int i = 0; i < b.Count; i++) r[a.Count + i] = b[i];
        return r;
    }

    public static IReadOnlySet<string> CollectIdentifiers(IEnumerable<ListNode> roots)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var n in Descendants(root))
            {
                switch (n)
                {
                    case FieldNode f: set.UnionWith(f.Ident); break;
                    case VariableNode v: set.UnionWith(v.Ident); break;
                    case ChainNode c: set.UnionWith(c.Field); break;
                }
            }
        }
        return set;
    }
}
