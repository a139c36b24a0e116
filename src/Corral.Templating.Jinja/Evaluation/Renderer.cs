using System.Diagnostics;
using System.Text;
using Corral.Templating.Jinja.Runtime;
using Corral.Templating.Jinja.Syntax;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Tree-walking evaluator: executes statements into a StringBuilder, enforcing the sandbox limits.</summary>
internal sealed partial class Renderer
{
    private readonly IReadOnlyDictionary<string, object?> _context;
    private readonly JinjaRenderOptions _options;
    private readonly string? _templateName;
    private readonly long _deadline;
    private long _steps;
    private int _depth;

    public Renderer(IReadOnlyDictionary<string, object?> context, JinjaRenderOptions options, string? templateName)
    {
        _context = context;
        _options = options;
        _templateName = templateName;
        _deadline = options.Timeout is { } t && t > TimeSpan.Zero
            ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    public JinjaRenderOptions Options => _options;

    private enum Signal
    {
        None,
        Break,
        Continue,
    }

    public string Render(Stmt[] body)
    {
        var sb = new StringBuilder();
        try
        {
            Exec(body, new Scope(null), sb);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JinjaRenderException("maximum recursion depth exceeded", "LimitExceeded", _templateName);
        }

        return sb.ToString();
    }

    public void Step()
    {
        if (++_steps > _options.MaxLoopIterations)
        {
            throw PyError.Limit($"template exceeded the limit of {_options.MaxLoopIterations} loop iterations");
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw PyError.Limit($"template rendering exceeded the time limit of {_options.Timeout}");
        }
    }

    public void CheckSize(long chars)
    {
        if (chars > _options.MaxOutputChars)
        {
            throw PyError.Limit($"template output exceeded the limit of {_options.MaxOutputChars} characters");
        }
    }

    private void Write(StringBuilder sb, string s)
    {
        CheckSize((long)sb.Length + s.Length);
        sb.Append(s);
    }

    private Signal Exec(Stmt[] body, Scope scope, StringBuilder sb)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var stmt = body[i];
            Signal signal;
            try
            {
                signal = ExecOne(stmt, scope, sb);
            }
            catch (PyError e)
            {
                throw Wrap(e, stmt.Line);
            }

            if (signal != Signal.None)
            {
                return signal;
            }
        }

        return Signal.None;
    }

    private JinjaRenderException Wrap(PyError e, int line) => e.Type == "TemplateError"
        ? new JinjaRaiseException(e.Message, _templateName, line)
        : new JinjaRenderException(e.Message, e.Type, _templateName, line);

    private Signal ExecOne(Stmt stmt, Scope scope, StringBuilder sb)
    {
        switch (stmt)
        {
            case TextStmt t:
                Write(sb, t.Text);
                return Signal.None;
            case OutputStmt o:
                var value = Eval(o.Value, scope);
                if (value is string s)
                {
                    Write(sb, s);
                }
                else
                {
                    Write(sb, PyOps.Str(value));
                }

                return Signal.None;
            case IfStmt f:
                foreach (var (test, branch) in f.Branches)
                {
                    if (PyOps.Truthy(Eval(test, scope)))
                    {
                        return Exec(branch, scope, sb);
                    }
                }

                return f.Else is null ? Signal.None : Exec(f.Else, scope, sb);
            case ForStmt loop:
                ExecFor(loop, scope, sb);
                return Signal.None;
            case SetStmt set:
                Assign(set.Target, Eval(set.Value, scope), scope);
                return Signal.None;
            case SetBlockStmt sbk:
                Assign(sbk.Target, ApplyFilters(RenderBody(sbk.Body, new Scope(scope)), sbk.Filters, scope), scope);
                return Signal.None;
            case MacroStmt m:
                scope.Set(m.Name, new Macro(m.Name, m.Params, m.Defaults, m.Body, scope));
                return Signal.None;
            case CallBlockStmt cb:
                ExecCallBlock(cb, scope, sb);
                return Signal.None;
            case FilterBlockStmt fb:
                Write(sb, PyOps.Str(ApplyFilters(RenderBody(fb.Body, new Scope(scope)), fb.Filters, scope)));
                return Signal.None;
            case GenerationStmt g:
                Write(sb, RenderBody(g.Body, new Scope(scope)));
                return Signal.None;
            case WithStmt w:
                var withScope = new Scope(scope);
                foreach (var (name, valueExpr) in w.Assignments)
                {
                    withScope.Set(name, Eval(valueExpr, scope));
                }

                return Exec(w.Body, withScope, sb);
            case BreakStmt:
                return Signal.Break;
            case ContinueStmt:
                return Signal.Continue;
            default:
                throw PyError.Runtime($"unsupported statement {stmt.GetType().Name}");
        }
    }

    private string RenderBody(Stmt[] body, Scope scope)
    {
        var inner = new StringBuilder();
        Exec(body, scope, inner);
        return inner.ToString();
    }

    internal object? CallMacroBody(Stmt[] body, Scope scope)
    {
        if (++_depth > _options.MaxDepth)
        {
            _depth--;
            throw PyError.Limit($"template exceeded the maximum macro call depth of {_options.MaxDepth}");
        }

        try
        {
            Step();
            RuntimeHelpersEnsureStack();
            return RenderBody(body, scope);
        }
        finally
        {
            _depth--;
        }
    }

    private static void RuntimeHelpersEnsureStack() => System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();

    private object? ApplyFilters(object? value, FilterExpr[] filters, Scope scope)
    {
        foreach (var f in filters)
        {
            value = CallFilter(f, value, scope);
        }

        return value;
    }

    private void ExecCallBlock(CallBlockStmt cb, Scope scope, StringBuilder sb)
    {
        var caller = new Macro("caller", cb.Params, cb.Defaults, cb.Body, scope);
        var callee = Eval(cb.Call.Callee, scope);
        var (args, kwargs) = EvalArgs(cb.Call.Args, cb.Call.Kwargs, scope);
        kwargs ??= [];
        kwargs.Add(new("caller", caller));
        Write(sb, PyOps.Str(Invoke(callee, args, kwargs)));
    }

    private void ExecFor(ForStmt loop, Scope scope, StringBuilder sb)
    {
        var source = Eval(loop.Iter, scope);
        var items = new List<object?>();
        Scope? filterScope = loop.Filter is null ? null : new Scope(scope);
        foreach (var item in PyOps.Iterate(source))
        {
            Step();
            if (filterScope is not null)
            {
                Bind(loop.Target, item, filterScope);
                if (!PyOps.Truthy(Eval(loop.Filter!, filterScope)))
                {
                    continue;
                }
            }

            items.Add(item);
        }

        if (items.Count == 0)
        {
            if (loop.Else is not null)
            {
                Exec(loop.Else, new Scope(scope), sb);
            }

            return;
        }

        var ctx = new LoopContext(items, 0);
        for (var i = 0; i < items.Count; i++)
        {
            Step();
            var iterScope = new Scope(scope);
            ctx.Index0 = i;
            Bind(loop.Target, items[i], iterScope);
            iterScope.Set("loop", ctx);
            if (Exec(loop.Body, iterScope, sb) == Signal.Break)
            {
                break;
            }
        }
    }

    private void Assign(Expr target, object? value, Scope scope)
    {
        if (target is GetAttrExpr { Target: NameExpr nsName } attr)
        {
            if (Lookup(nsName.Name, scope) is not Namespace ns)
            {
                throw PyError.Runtime("cannot assign attribute on non-namespace object");
            }

            ns.Attributes[attr.Attr] = value;
            return;
        }

        Bind(target, value, scope);
    }

    private static void Bind(Expr target, object? value, Scope scope)
    {
        if (target is NameExpr n)
        {
            scope.Set(n.Name, value);
            return;
        }

        var names = ((TupleExpr)target).Items;
        var values = PyOps.ToList(value);
        if (values.Count < names.Length)
        {
            throw PyError.ValueError($"not enough values to unpack (expected {names.Length}, got {values.Count})");
        }

        if (values.Count > names.Length)
        {
            throw PyError.ValueError($"too many values to unpack (expected {names.Length})");
        }

        for (var i = 0; i < names.Length; i++)
        {
            scope.Set(((NameExpr)names[i]).Name, values[i]);
        }
    }
}

