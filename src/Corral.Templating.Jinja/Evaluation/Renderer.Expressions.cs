using System.Text;
using Corral.Templating.Jinja.Filters;
using Corral.Templating.Jinja.Runtime;
using Corral.Templating.Jinja.Syntax;
using Corral.Templating.Jinja.Tests;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Expression evaluation.</summary>
internal sealed partial class Renderer
{
    public object? Eval(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case ConstExpr c:
                return c.Value;
            case NameExpr n:
                return Lookup(n.Name, scope);
            case GetAttrExpr a:
                return Access.GetAttr(Eval(a.Target, scope), a.Attr);
            case GetItemExpr gi:
                var target = Eval(gi.Target, scope);
                if (gi.Key is SliceExpr sl)
                {
                    return Access.Slice(target, Opt(sl.Start, scope), Opt(sl.Stop, scope), Opt(sl.Step, scope));
                }

                return Access.GetItem(target, Eval(gi.Key, scope));
            case CallExpr call:
                var callee = Eval(call.Callee, scope);
                var (args, kwargs) = EvalArgs(call.Args, call.Kwargs, scope);
                return Invoke(callee, args, kwargs);
            case FilterExpr f:
                return CallFilter(f, f.Target is null ? null : Eval(f.Target, scope), scope);
            case TestExpr t:
                return RunTest(t, scope);
            case UnaryExpr u:
                var operand = Eval(u.Operand, scope);
                return u.Op switch
                {
                    "not" => !PyOps.Truthy(operand),
                    "-" => Operators.Negate(operand),
                    _ => Operators.Plus(operand),
                };
            case BinaryExpr b:
                return EvalBinary(b, scope);
            case CompareExpr cmp:
                return EvalCompare(cmp, scope);
            case CondExpr ce:
                if (PyOps.Truthy(Eval(ce.Test, scope)))
                {
                    return Eval(ce.Then, scope);
                }

                return ce.Else is null
                    ? Undefined.WithHint($"the inline if-expression on line {ce.Line} evaluated to false and no else section was defined.")
                    : Eval(ce.Else, scope);
            case ListExpr l:
                var list = new List<object?>(l.Items.Length);
                foreach (var item in l.Items)
                {
                    list.Add(Eval(item, scope));
                }

                return list;
            case TupleExpr tu:
                var arr = new object?[tu.Items.Length];
                for (var i = 0; i < arr.Length; i++)
                {
                    arr[i] = Eval(tu.Items[i], scope);
                }

                return new PyTuple(arr);
            case DictExpr d:
                var dict = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                PyDict? general = null;
                foreach (var (k, v) in d.Items)
                {
                    var key = Eval(k, scope);
                    if (general is null && key is string or Markup)
                    {
                        dict[DictKey(key)] = Eval(v, scope);
                        continue;
                    }

                    if (general is null)
                    {
                        general = new PyDict();
                        foreach (var kv in dict)
                        {
                            general.Set(kv.Key, kv.Value);
                        }
                    }

                    general.Set(key is Markup mk ? mk.Value : key, Eval(v, scope));
                }

                return (object?)general ?? dict;
            case ConcatExpr cc:
                var sb = new StringBuilder();
                foreach (var part in cc.Parts)
                {
                    var s = PyOps.Str(Eval(part, scope));
                    CheckSize((long)sb.Length + s.Length);
                    sb.Append(s);
                }

                return sb.ToString();
            default:
                throw PyError.Runtime($"cannot evaluate {expr.GetType().Name}");
        }
    }

    private static string DictKey(object? key) => key switch
    {
        string s => s,
        Markup m => m.Value,
        _ => PythonRepr.Str(key),
    };

    private object? Opt(Expr? e, Scope scope) => e is null ? null : Eval(e, scope);

    public object? Lookup(string name, Scope scope)
    {
        if (scope.TryGet(name, out var v))
        {
            return v;
        }

        if (_context.TryGetValue(name, out v))
        {
            return v;
        }

        return Globals.TryGet(name, out v) ? v : Undefined.Name(name);
    }

    private object? EvalBinary(BinaryExpr b, Scope scope)
    {
        var left = Eval(b.Left, scope);
        switch (b.Op)
        {
            case "and":
                return PyOps.Truthy(left) ? Eval(b.Right, scope) : left;
            case "or":
                return PyOps.Truthy(left) ? left : Eval(b.Right, scope);
        }

        var right = Eval(b.Right, scope);
        var result = Operators.Binary(b.Op, left, right);
        if (result is string s)
        {
            CheckSize(s.Length);
        }
        else if (result is IReadOnlyList<object?> l)
        {
            CheckSize(l.Count);
        }

        return result;
    }

    private object? EvalCompare(CompareExpr cmp, Scope scope)
    {
        var left = Eval(cmp.First, scope);
        foreach (var (op, rightExpr) in cmp.Rest)
        {
            var right = Eval(rightExpr, scope);
            if (!Operators.Compare(op, left, right))
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    public (List<object?> Args, List<KeyValuePair<string, object?>>? Kwargs) EvalArgs(Expr[] args, KeyValuePair<string, Expr>[] kwargs, Scope scope)
    {
        var a = new List<object?>(args.Length);
        foreach (var e in args)
        {
            a.Add(Eval(e, scope));
        }

        List<KeyValuePair<string, object?>>? k = null;
        if (kwargs.Length > 0)
        {
            k = new(kwargs.Length);
            foreach (var kv in kwargs)
            {
                k.Add(new(kv.Key, Eval(kv.Value, scope)));
            }
        }

        return (a, k);
    }

    public object? Invoke(object? callee, List<object?> args, List<KeyValuePair<string, object?>>? kwargs)
    {
        switch (callee)
        {
            case ICallable c:
                return c.Call(this, args, kwargs);
            case Undefined u:
                throw u.Fail();
            default:
                throw PyError.TypeError($"'{PyOps.TypeName(callee)}' object is not callable");
        }
    }

    private object? CallFilter(FilterExpr f, object? value, Scope scope)
    {
        if (!FilterRegistry.TryGet(f.Name, out var filter))
        {
            throw PyError.Runtime($"No filter named '{f.Name}' found.");
        }

        var (args, kwargs) = EvalArgs(f.Args, f.Kwargs, scope);
        var result = filter(this, value, new Args(args, kwargs, f.Name));
        if (result is string s)
        {
            CheckSize(s.Length);
        }

        return result;
    }

    private bool RunTest(TestExpr t, Scope scope)
    {
        if (!TestRegistry.TryGet(t.Name, out var test))
        {
            throw PyError.Runtime($"No test named '{t.Name}' found.");
        }

        var value = Eval(t.Target, scope);
        var (args, kwargs) = EvalArgs(t.Args, t.Kwargs, scope);
        return test(this, value, new Args(args, kwargs, t.Name));
    }

    /// <summary>Applies a filter by name (for map(name)).</summary>
    public object? ApplyFilter(string name, object? value, Args args)
    {
        if (!FilterRegistry.TryGet(name, out var filter))
        {
            throw PyError.Runtime($"No filter named '{name}'.");
        }

        return filter(this, value, args);
    }

    /// <summary>Runs a test by name (for select/reject).</summary>
    public bool ApplyTest(string name, object? value, Args args)
    {
        if (!TestRegistry.TryGet(name, out var test))
        {
            throw PyError.Runtime($"No test named '{name}'.");
        }

        return test(this, value, args);
    }
}
