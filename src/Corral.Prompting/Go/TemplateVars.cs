using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's <c>Template.Vars</c>/<c>Identifiers</c>: the lower-cased identifiers of field and variable nodes
/// reachable through actions, branches, pipelines and <c>{{template}}</c> calls of every template in the set
/// (chain nodes such as <c>(x).Field</c> are not looked into, as in Ollama).</summary>
internal static class TemplateVars
{
    public static HashSet<string> Collect(GoTemplate template)
    {
        var vars = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in template.Templates.Values) Walk(root, vars);
        return vars;
    }

    private static void Walk(GoNode? node, HashSet<string> vars)
    {
        switch (node)
        {
            case ListNode l:
                foreach (var n in l.Nodes) Walk(n, vars);
                break;
            case TemplateNode t:
                Walk(t.Pipe, vars);
                break;
            case ActionNode a:
                Walk(a.Pipe, vars);
                break;
            case BranchNode b:
                Walk(b.Pipe, vars);
                Walk(b.List, vars);
                Walk(b.ElseList, vars);
                break;
            case PipeNode p:
                foreach (var c in p.Cmds)
                {
                    foreach (var arg in c.Args) Walk(arg, vars);
                }
                break;
            case FieldNode f:
                foreach (var id in f.Ident) vars.Add(id.ToLowerInvariant());
                break;
            case VariableNode v:
                foreach (var id in v.Ident) vars.Add(id.ToLowerInvariant());
                break;
        }
    }
}
