using System.Globalization;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Execution;

internal sealed partial class Evaluator
{
    private Flow Walk(Val dot, GoNode node)
    {
        At(node);
        Step();
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case ActionNode a:
                var val = EvalPipeline(dot, a.Pipe);
                if (a.Pipe.Decl.Count == 0) PrintValue(a, val);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case CommentNode:
                return Flow.Normal;
            case IfNode i:
                return WalkIfOrWith(false, dot, i.Pipe, i.List, i.ElseList);
            case WithNode w:
                return WalkIfOrWith(true, dot, w.Pipe, w.List, w.ElseList);
            case ListNode l:
                var nodes = l.Nodes;
                for (int k = 0; k < nodes.Count; k++)
                {
                    var f = Walk(dot, nodes[k]);
                    if (f != Flow.Normal) return f;
                }
                return Flow.Normal;
            case RangeNode r:
                WalkRange(dot, r);
                return Flow.Normal;
            case TemplateNode t:
                WalkTemplate(dot, t);
                return Flow.Normal;
            case TextNode t:
                Write(t.Text);
                return Flow.Normal;
            default:
                throw Errorf("unknown node: " + node);
        }
    }

    private Flow WalkIfOrWith(bool isWith, Val dot, PipeNode pipe, ListNode list, ListNode? elseList)
    {
        int mark = Mark();
        try
        {
            var val = EvalPipeline(dot, pipe);
            var (truth, ok) = IsTrue(val.Concrete);
            if (!ok) throw Errorf("if/with can't use " + FormatV(val.Obj));
            if (truth) return Walk(isWith ? val : dot, list);
            if (elseList != null) return Walk(dot, elseList);
            return Flow.Normal;
        }
        finally
        {
            Pop(mark);
        }
    }

    private void WalkRange(Val dot, RangeNode r)
    {
        At(r);
        int outer = Mark();
        try
        {
            var val = EvalPipeline(dot, r.Pipe).Concrete;
            int mark = Mark();
            int decls = r.Pipe.Decl.Count;
            bool ran = false;
            object? o = val.Obj;
            switch (GoValues.Kind(o))
            {
                case GoKind.Slice:
                    int n = GoValues.Len(o!);
                    for (int i = 0; i < n; i++)
                    {
                        ran = true;
                        if (OneIteration(r, decls, mark, Val.Of((long)i), new Val(GoValues.Index(o!, i), true)) == Flow.Break) break;
                    }
                    break;
                case GoKind.Map:
                    var entries = GoValues.SortedEntries(o!);
                    foreach (var kv in entries)
                    {
                        ran = true;
                        if (OneIteration(r, decls, mark, Val.Of(kv.Key), new Val(kv.Value, true)) == Flow.Break) break;
                    }
                    break;
                case GoKind.Int or GoKind.Uint:
                    // Go 1.22+: range over an integer.
                    if (decls > 1) throw Errorf("can't use " + FormatV(o) + " to iterate over more than one variable");
                    long count = GoValues.Kind(o) == GoKind.Int ? GoValues.ToInt(o!) : (long)Math.Min(GoValues.ToUint(o!), long.MaxValue);
                    for (long i = 0; i < count; i++)
                    {
                        ran = true;
                        var iv = Val.Of(i);
                        if (OneIteration(r, decls, mark, iv, iv) == Flow.Break) break;
                    }
                    break;
                case GoKind.Invalid:
                    break;
                default:
                    throw Errorf("range can't iterate over " + FormatV(o));
            }
            if (!ran && r.ElseList != null) Walk(dot, r.ElseList);
        }
        finally
        {
            Pop(outer);
        }
    }

    private Flow OneIteration(RangeNode r, int decls, int mark, Val index, Val elem)
    {
        Step();
        if (decls > 0) SetTopVar(1, elem);
        if (decls > 1) SetTopVar(2, index);
        var f = Walk(elem, r.List);
        Pop(mark);
        return f;
    }

    private void WalkTemplate(Val dot, TemplateNode t)
    {
        At(t);
        if (!_templates.TryGetValue(t.Name, out var root)) throw Errorf("template " + GoQuote.Quote(t.Name) + " not defined");
        if (_depth >= _options.MaxDepth)
        {
            var e = Errorf("exceeded maximum template depth (" + _options.MaxDepth.ToString(CultureInfo.InvariantCulture) + ")");
            throw new GoTemplateRenderException(e.Message) { IsLimit = true };
        }
        var newDot = EvalPipeline(dot, t.Pipe);
        var savedVars = _vars;
        var savedName = _tmplName;
        _depth++;
        _tmplName = t.Name;
        _vars = new List<(string, Val)> { ("$", newDot) };
        try
        {
            Walk(newDot, root);
        }
        finally
        {
            _depth--;
            _tmplName = savedName;
            _vars = savedVars;
        }
    }

    private void PrintValue(GoNode n, Val v)
    {
        At(n);
        if (!v.IsValid || (v.Obj == null))
        {
            Write("<no value>");
            return;
        }
        if (GoValues.Kind(v.Obj) == GoKind.Func)
            throw Errorf("can't print " + n + " of type " + GoValues.TypeName(v.Obj));
        if (v.Obj is string str)
        {
            Write(str);
            return;
        }
        string s;
        try
        {
            s = FormatV(v.Obj);
        }
        catch (InvalidOperationException ex)
        {
            throw Errorf(ex.Message);
        }
        Write(s);
    }
}
