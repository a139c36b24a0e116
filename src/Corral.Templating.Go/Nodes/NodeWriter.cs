using System.Text;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go;

/// <summary>Renders nodes the way Go's <c>parse.Node.String()</c> does.</summary>
internal static class NodeWriter
{
    public static string Write(GoNode node)
    {
        var sb = new StringBuilder();
        WriteTo(sb, node);
        return sb.ToString();
    }

    private static void WriteTo(StringBuilder sb, GoNode node)
    {
        switch (node)
        {
            case ListNode l:
                foreach (var n in l.Nodes) WriteTo(sb, n);
                break;
            case TextNode t:
                sb.Append(GoQuote.Quote(t.Text));
                break;
            case CommentNode c:
                sb.Append("{{").Append(c.Text).Append("}}");
                break;
            case ActionNode a:
                sb.Append("{{");
                WriteTo(sb, a.Pipe);
                sb.Append("}}");
                break;
            case PipeNode p:
                WritePipe(sb, p);
                break;
            case CommandNode c:
                for (int i = 0; i < c.Args.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    if (c.Args[i] is PipeNode ap)
                    {
                        sb.Append('(');
                        WritePipe(sb, ap);
                        sb.Append(')');
                    }
                    else
                    {
                        WriteTo(sb, c.Args[i]);
                    }
                }
                break;
            case FieldNode f:
                foreach (var id in f.Ident) sb.Append('.').Append(id);
                break;
            case VariableNode v:
                for (int i = 0; i < v.Ident.Count; i++)
                {
                    if (i > 0) sb.Append('.');
                    sb.Append(v.Ident[i]);
                }
                break;
            case ChainNode ch:
                if (ch.Node is PipeNode cp)
                {
                    sb.Append('(');
                    WritePipe(sb, cp);
                    sb.Append(')');
                }
                else
                {
                    WriteTo(sb, ch.Node);
                }
                foreach (var f in ch.Field) sb.Append('.').Append(f);
                break;
            case IdentifierNode id: sb.Append(id.Ident); break;
            case DotNode: sb.Append('.'); break;
            case NilNode: sb.Append("nil"); break;
            case BoolNode b: sb.Append(b.True ? "true" : "false"); break;
            case StringNode s: sb.Append(s.Quoted); break;
            case NumberNode n: sb.Append(n.Text); break;
            case BranchNode br:
                sb.Append("{{").Append(br switch { IfNode => "if", RangeNode => "range", _ => "with" }).Append(' ');
                WritePipe(sb, br.Pipe);
                sb.Append("}}");
                WriteTo(sb, br.List);
                if (br.ElseList != null)
                {
                    sb.Append("{{else}}");
                    WriteTo(sb, br.ElseList);
                }
                sb.Append("{{end}}");
                break;
            case BreakNode: sb.Append("{{break}}"); break;
            case ContinueNode: sb.Append("{{continue}}"); break;
            case TemplateNode tn:
                sb.Append("{{template ").Append(GoQuote.Quote(tn.Name));
                if (tn.Pipe != null)
                {
                    sb.Append(' ');
                    WritePipe(sb, tn.Pipe);
                }
                sb.Append("}}");
                break;
            case EndNode: sb.Append("{{end}}"); break;
            case ElseNode: sb.Append("{{else}}"); break;
        }
    }

    private static void WritePipe(StringBuilder sb, PipeNode p)
    {
        if (p.Decl.Count > 0)
        {
            for (int i = 0; i < p.Decl.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                WriteTo(sb, p.Decl[i]);
            }
            sb.Append(" := ");
        }
        for (int i = 0; i < p.Cmds.Count; i++)
        {
            if (i > 0) sb.Append(" | ");
            WriteTo(sb, p.Cmds[i]);
        }
    }
}
