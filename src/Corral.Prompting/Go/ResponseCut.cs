using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Tree rewrites of Ollama's legacy mode: appending <c>{{ .Response }}</c> to templates that reference neither
/// <c>.Messages</c> nor <c>.Response</c>, and <c>deleteNode</c>, which keeps everything up to and including the first
/// <c>.Response</c> field and drops every node after it (the final turn stays open for the model).</summary>
internal static class ResponseCut
{
    /// <summary>The root with <c>{{ .Response }}</c> appended (Ollama's <c>Parse</c> touch-up).</summary>
    public static ListNode AppendResponse(ListNode root)
    {
        var field = new FieldNode(0, ["Response"]);
        var pipe = new PipeNode(0, 0, [], [new CommandNode(0, [field])]);
        return root with { Nodes = [.. root.Nodes, new ActionNode(0, 0, pipe)] };
    }

    /// <summary>A copy of <paramref name="root"/> cut after the first <c>.Response</c>; the original is not touched.</summary>
    public static ListNode CutAfterResponse(ListNode root)
    {
        bool cut = false;
        return (ListNode?)new Walker(() => cut, () => cut = true).Walk(root) ?? root with { Nodes = [] };
    }

    /// <summary>deleteNode's walk. The predicate marks the first field naming <c>Response</c> (keeping it) and deletes
    /// every node visited afterwards; branch pipelines are not visited. Where Go would panic (an else branch whose list is
    /// deleted after a cut inside the if branch), the branch is dropped instead.</summary>
    private sealed class Walker(Func<bool> isCut, Action markCut)
    {
        private bool Delete(GoNode n)
        {
            if (n is FieldNode f && f.Ident.Contains("Response"))
            {
                markCut();
                return false;
            }
            return isCut();
        }

        public GoNode? Walk(GoNode n)
        {
            if (Delete(n)) return null;
            switch (n)
            {
                case ListNode l:
                    var nodes = new List<GoNode>(l.Nodes.Count);
                    foreach (var c in l.Nodes)
                    {
                        if (Walk(c) is { } kept) nodes.Add(kept);
                    }
                    return l with { Nodes = nodes };
                case IfNode i:
                    return WalkBranch(i) is { } bi ? i with { List = bi.List, ElseList = bi.Else } : null;
                case WithNode w:
                    return WalkBranch(w) is { } bw ? w with { List = bw.List, ElseList = bw.Else } : null;
                case RangeNode r:
                    return WalkBranch(r) is { } br ? r with { List = br.List, ElseList = br.Else } : null;
                case ActionNode a:
                    return Walk(a.Pipe) is PipeNode pipe ? a with { Pipe = pipe } : null;
                case PipeNode p:
                    return WalkPipe(p);
                default:
                    return n;
            }
        }

        /// <summary>Go walks the embedded BranchNode (another predicate call) and then its lists.</summary>
        private (ListNode List, ListNode? Else)? WalkBranch(BranchNode b)
        {
            if (Delete(b)) return null;
            var list = Walk(b.List) as ListNode ?? b.List with { Nodes = [] };
            var elseList = b.ElseList == null ? null : Walk(b.ElseList) as ListNode;
            return (list, elseList);
        }

        private PipeNode? WalkPipe(PipeNode p)
        {
            var commands = new List<CommandNode>(p.Cmds.Count);
            foreach (var c in p.Cmds)
            {
                var args = new List<GoNode>(c.Args.Count);
                foreach (var a in c.Args)
                {
                    if (Walk(a) is { } kept) args.Add(kept);
                }
                if (args.Count == 0) return null;
                commands.Add(c with { Args = args });
            }
            return commands.Count == 0 ? null : p with { Cmds = commands };
        }
    }
}
