using Corral.Templating.Go.Execution;
using Corral.Templating.Go.Formatting;

namespace Corral.Templating.Go.Functions;

/// <summary>Go's builtin template functions.</summary>
internal static class Builtins
{
    private static readonly ParamType[] ValueVariadic = { ParamType.Value, ParamType.Value };
    private static readonly ParamType[] OneValue = { ParamType.Value };
    private static readonly ParamType[] TwoValues = { ParamType.Value, ParamType.Value };
    private static readonly ParamType[] AnyVariadic = { ParamType.Any };
    private static readonly ParamType[] Printf = { ParamType.String, ParamType.Any };

    public static void Register(Dictionary<string, GoFunction> map)
    {
        Add(map, "and", ValueVariadic, true, static (_, a) => a[0]);
        Add(map, "or", ValueVariadic, true, static (_, a) => a[0]);
        Add(map, "not", OneValue, false, static (_, a) => Val.Of(!Evaluator.IsTrue(a[0].Concrete).Truth));
        Add(map, "len", OneValue, false, static (_, a) => Indexing.Len(a[0]));
        Add(map, "index", ValueVariadic, true, static (_, a) => Indexing.Index(a));
        Add(map, "slice", ValueVariadic, true, static (_, a) => Indexing.Slice(a));
        Add(map, "call", ValueVariadic, true, static (_, a) => Call(a));
        Add(map, "html", AnyVariadic, true, static (_, a) => Val.Of(Escaping.Html(Escaping.EvalArgs(a))));
        Add(map, "js", AnyVariadic, true, static (_, a) => Val.Of(Escaping.Js(Escaping.EvalArgs(a))));
        Add(map, "urlquery", AnyVariadic, true, static (_, a) => Val.Of(Escaping.UrlQuery(Escaping.EvalArgs(a))));
        Add(map, "print", AnyVariadic, true, static (_, a) => Val.Of(GoPrinter.Sprint(Objects(a, 0))));
        Add(map, "println", AnyVariadic, true, static (_, a) => Val.Of(GoPrinter.Sprintln(Objects(a, 0))));
        Add(map, "printf", Printf, true, static (_, a) => Val.Of(GoPrinter.Sprintf((string)a[0].Obj!, Objects(a, 1))));
        Add(map, "eq", ValueVariadic, true, static (_, a) => Val.Of(Comparison.Eq(a)));
        Add(map, "ne", TwoValues, false, static (_, a) => Val.Of(!Comparison.Eq(a)));
        Add(map, "lt", TwoValues, false, static (_, a) => Val.Of(Comparison.Lt(a[0], a[1])));
        Add(map, "le", TwoValues, false, static (_, a) => Val.Of(Comparison.Le(a[0], a[1])));
        Add(map, "gt", TwoValues, false, static (_, a) => Val.Of(!Comparison.Le(a[0], a[1])));
        Add(map, "ge", TwoValues, false, static (_, a) => Val.Of(!Comparison.Lt(a[0], a[1])));
    }

    internal static void Add(Dictionary<string, GoFunction> map, string name, ParamType[] ps, bool variadic, Func<FunctionContext, Val[], Val> fn) =>
        map[name] = new GoFunction(name, ps, variadic, fn);

    internal static object?[] Objects(Val[] a, int start)
    {
        var r = new object?[a.Length - start];
        for (int i = start; i < a.Length; i++) r[i - start] = a[i].Obj;
        return r;
    }

    private static Val Call(Val[] a)
    {
        var fn = a[0].Concrete;
        if (!fn.IsValid || fn.Obj == null) throw new GoFunctionException("call of nil");
        if (fn.Obj is not GoCallable callable) throw new GoFunctionException("non-function of type " + GoValues.TypeName(fn.Obj));
        try
        {
            return Val.Of(callable(Objects(a, 1)));
        }
        catch (GoFunctionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new GoFunctionException(ex.Message);
        }
    }
}
