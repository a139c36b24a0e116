using Corral.Templating.Jinja.Filters;
using Corral.Templating.Jinja.Tests;

namespace Corral.Templating.Jinja.Syntax;

/// <summary>
/// Compile-time checks jinja2 performs: unknown filters/tests fail at parse time unless they sit directly
/// inside an if/elif/else or inline-if ("soft" frames), where they fail only when evaluated.
/// </summary>
internal static class Validator
{
    public static void Check(Stmt[] body, Func<string, int, Exception> fail) => Stmts(body, false, fail);

    private static void Stmts(Stmt[]? body, bool soft, Func<string, int, Exception> fail)
    {
        if (body is null)
        {
            return;
        }

        foreach (var s in body)
        {
            switch (s)
            {
                case OutputStmt o:
                    Expression(o.Value, soft, fail);
                    break;
                case IfStmt f:
                    foreach (var (test, branch) in f.Branches)
                    {
                        Expression(test, true, fail);
                        Stmts(branch, true, fail);
                    }

                    Stmts(f.Else, true, fail);
                    break;
                case ForStmt loop:
                    Expression(loop.Iter, soft, fail);
                    Expression(loop.Filter, false, fail);
                    Stmts(loop.Body, false, fail);
                    Stmts(loop.Else, false, fail);
                    break;
                case SetStmt set:
                    Expression(set.Value, soft, fail);
                    break;
                case SetBlockStmt sb:
                    Filters(sb.Filters, soft, fail);
                    Stmts(sb.Body, false, fail);
                    break;
                case MacroStmt m:
                    foreach (var d in m.Defaults)
                    {
                        Expression(d, false, fail);
                    }

                    Stmts(m.Body, false, fail);
                    break;
                case CallBlockStmt cb:
                    Expression(cb.Call, soft, fail);
                    Stmts(cb.Body, false, fail);
                    break;
                case FilterBlockStmt fb:
                    Filters(fb.Filters, soft, fail);
                    Stmts(fb.Body, false, fail);
                    break;
                case WithStmt w:
                    foreach (var (_, value) in w.Assignments)
                    {
                        Expression(value, soft, fail);
                    }

                    Stmts(w.Body, false, fail);
                    break;
                case GenerationStmt g:
                    Stmts(g.Body, false, fail);
                    break;
            }
        }
    }

    private static void Filters(FilterExpr[] filters, bool soft, Func<string, int, Exception> fail)
    {
        foreach (var f in filters)
        {
            Expression(f, soft, fail);
        }
    }

    private static void Expression(Expr? e, bool soft, Func<string, int, Exception> fail)
    {
        switch (e)
        {
            case null or ConstExpr or NameExpr:
                return;
            case GetAttrExpr a:
                Expression(a.Target, soft, fail);
                return;
            case GetItemExpr g:
                Expression(g.Target, soft, fail);
                Expression(g.Key, soft, fail);
                return;
            case SliceExpr s:
                Expression(s.Start, soft, fail);
                Expression(s.Stop, soft, fail);
                Expression(s.Step, soft, fail);
                return;
            case CallExpr c:
                Expression(c.Callee, soft, fail);
                All(c.Args, c.Kwargs, soft, fail);
                return;
            case FilterExpr f:
                if (!soft && !FilterRegistry.TryGet(f.Name, out _))
                {
                    throw fail($"No filter named '{f.Name}'.", f.Line);
                }

                Expression(f.Target, soft, fail);
                All(f.Args, f.Kwargs, soft, fail);
                return;
            case TestExpr t:
                if (!soft && !TestRegistry.TryGet(t.Name, out _))
                {
                    throw fail($"No test named '{t.Name}'.", t.Line);
                }

                Expression(t.Target, soft, fail);
                All(t.Args, t.Kwargs, soft, fail);
                return;
            case UnaryExpr u:
                Expression(u.Operand, soft, fail);
                return;
            case BinaryExpr b:
                Expression(b.Left, soft, fail);
                Expression(b.Right, soft, fail);
                return;
            case CompareExpr cmp:
                Expression(cmp.First, soft, fail);
                foreach (var (_, r) in cmp.Rest)
                {
                    Expression(r, soft, fail);
                }

                return;
            case CondExpr ce:
                Expression(ce.Test, true, fail);
                Expression(ce.Then, true, fail);
                Expression(ce.Else, true, fail);
                return;
            case ListExpr l:
                All(l.Items, [], soft, fail);
                return;
            case TupleExpr t:
                All(t.Items, [], soft, fail);
                return;
            case DictExpr d:
                foreach (var (k, v) in d.Items)
                {
                    Expression(k, soft, fail);
                    Expression(v, soft, fail);
                }

                return;
            case ConcatExpr cc:
                All(cc.Parts, [], soft, fail);
                return;
        }
    }

    private static void All(Expr[] args, KeyValuePair<string, Expr>[] kwargs, bool soft, Func<string, int, Exception> fail)
    {
        foreach (var a in args)
        {
            Expression(a, soft, fail);
        }

        foreach (var kv in kwargs)
        {
            Expression(kv.Value, soft, fail);
        }
    }
}
