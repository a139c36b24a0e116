using Corral.Templating.Go.Execution;

namespace Corral.Templating.Go.Functions;

/// <summary>Go's <c>eq</c>/<c>lt</c>/... with basic-kind rules.</summary>
internal static class Comparison
{
    private enum BasicKind { Invalid, Bool, Int, Float, String, Uint }

    private static BasicKind Basic(object? o) => GoValues.Kind(o) switch
    {
        GoKind.Bool => BasicKind.Bool,
        GoKind.Int => BasicKind.Int,
        GoKind.Uint => BasicKind.Uint,
        GoKind.Float => BasicKind.Float,
        GoKind.String => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    public static bool Eq(Val[] args)
    {
        var arg1 = args[0].Concrete.Obj;
        if (args.Length < 2) throw new GoFunctionException("missing argument for comparison");
        var k1 = Basic(arg1);
        for (int i = 1; i < args.Length; i++)
        {
            var arg = args[i].Concrete.Obj;
            var k2 = Basic(arg);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint) truth = GoValues.ToInt(arg1!) >= 0 && (ulong)GoValues.ToInt(arg1!) == GoValues.ToUint(arg!);
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int) truth = GoValues.ToInt(arg!) >= 0 && GoValues.ToUint(arg1!) == (ulong)GoValues.ToInt(arg!);
                else if (arg1 != null && arg != null) throw new GoFunctionException("incompatible types for comparison");
                else truth = false;
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Bool => (bool)arg1! == (bool)arg!,
                    BasicKind.Float => GoValues.ToFloat(arg1!) == GoValues.ToFloat(arg!),
                    BasicKind.Int => GoValues.ToInt(arg1!) == GoValues.ToInt(arg!),
                    BasicKind.String => string.Equals((string)arg1!, (string)arg!, StringComparison.Ordinal),
                    BasicKind.Uint => GoValues.ToUint(arg1!) == GoValues.ToUint(arg!),
                    _ => EqComplex(arg1, arg),
                };
            }
            if (truth) return true;
        }
        return false;
    }

    private static bool EqComplex(object? a, object? b)
    {
        if (a == null || b == null) return a == null && b == null;
        var ka = GoValues.Kind(a);
        var kb = GoValues.Kind(b);
        if (ka != kb)
        {
            throw new GoFunctionException(Formatting.GoPrinter.Sprintf("non-comparable types %s: %v, %s: %v",
                new object?[] { a, GoValues.TypeName(a), GoValues.TypeName(b), b }));
        }
        if (ka is GoKind.Map or GoKind.Slice or GoKind.Func)
            throw new GoFunctionException(Formatting.GoPrinter.Sprintf("non-comparable type %s: %v", new object?[] { b, GoValues.TypeName(b) }));
        return ReferenceEquals(a, b) || a.Equals(b);
    }

    public static bool Lt(Val v1, Val v2)
    {
        var a = v1.Concrete.Obj;
        var b = v2.Concrete.Obj;
        var k1 = Basic(a);
        if (k1 == BasicKind.Invalid) throw new GoFunctionException("invalid type for comparison");
        var k2 = Basic(b);
        if (k2 == BasicKind.Invalid) throw new GoFunctionException("invalid type for comparison");
        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint) return GoValues.ToInt(a!) < 0 || (ulong)GoValues.ToInt(a!) < GoValues.ToUint(b!);
            if (k1 == BasicKind.Uint && k2 == BasicKind.Int) return GoValues.ToInt(b!) >= 0 && GoValues.ToUint(a!) < (ulong)GoValues.ToInt(b!);
            throw new GoFunctionException("incompatible types for comparison");
        }
        return k1 switch
        {
            BasicKind.Bool => throw new GoFunctionException("invalid type for comparison"),
            BasicKind.Float => GoValues.ToFloat(a!) < GoValues.ToFloat(b!),
            BasicKind.Int => GoValues.ToInt(a!) < GoValues.ToInt(b!),
            BasicKind.String => GoValues.CompareUtf8((string)a!, (string)b!) < 0,
            _ => GoValues.ToUint(a!) < GoValues.ToUint(b!),
        };
    }

    public static bool Le(Val a, Val b) => Lt(a, b) || Eq(new[] { a, b });
}
