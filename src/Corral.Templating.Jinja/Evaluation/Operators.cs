using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Python arithmetic and comparison operators.</summary>
internal static class Operators
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["+"] = "+", ["-"] = "-", ["*"] = "*", ["/"] = "/", ["//"] = "//", ["%"] = "%", ["**"] = "** or pow()",
    };

    public static bool Compare(string op, object? a, object? b)
    {
        ThrowIfUndefinedOrdering(op, a, b);
        return op switch
        {
            "==" => PyOps.Eq(a, b),
            "!=" => !PyOps.Eq(a, b),
            "<" => PyOps.Compare(a, b, op) is -1,
            "<=" => PyOps.Compare(a, b, op) is -1 or 0,
            ">" => PyOps.Compare(a, b, op) is 1,
            ">=" => PyOps.Compare(a, b, op) is 1 or 0,
            "in" => PyOps.Contains(b, a),
            "notin" => !PyOps.Contains(b, a),
            _ => throw PyError.Runtime($"unknown operator {op}"),
        };
    }

    private static void ThrowIfUndefinedOrdering(string op, object? a, object? b)
    {
        if (op is "<" or "<=" or ">" or ">=")
        {
            if (a is Undefined ua)
            {
                throw ua.Fail();
            }

            if (b is Undefined ub)
            {
                throw ub.Fail();
            }
        }
    }

    public static object? Negate(object? v) => v switch
    {
        long l => (object)(-l),
        int i => -(long)i,
        double d => -d,
        bool b => b ? -1L : 0L,
        Undefined u => throw u.Fail(),
        _ => throw PyError.TypeError($"bad operand type for unary -: '{PyOps.TypeName(v)}'"),
    };

    public static object? Plus(object? v) => v switch
    {
        long or double => v,
        bool b => b ? 1L : 0L,
        Undefined u => throw u.Fail(),
        _ => throw PyError.TypeError($"bad operand type for unary +: '{PyOps.TypeName(v)}'"),
    };

    public static object? Binary(string op, object? a, object? b)
    {
        if (a is Undefined ua)
        {
            throw ua.Fail();
        }

        if (b is Undefined ub)
        {
            throw ub.Fail();
        }

        if (PyOps.IsNumber(a) && PyOps.IsNumber(b))
        {
            return a is double || b is double ? FloatOp(op, PyOps.ToDouble(a), PyOps.ToDouble(b)) : IntOp(op, PyOps.ToLong(a), PyOps.ToLong(b));
        }

        switch (op)
        {
            case "+":
                if (a is Markup ma)
                {
                    return b is string or Markup ? new Markup(ma.Value + EscapeOperand(b)) : Unsupported(op, a, b);
                }

                if (b is Markup mb && a is string sa2)
                {
                    return new Markup(Markup.Escape(sa2) + mb.Value);
                }

                if (a is string sa)
                {
                    return b is string sb ? string.Concat(sa, sb) : throw PyError.TypeError($"can only concatenate str (not \"{PyOps.TypeName(b)}\") to str");
                }

                if (a is PyTuple ta && b is PyTuple tb)
                {
                    return new PyTuple([.. ta.Items, .. tb.Items]);
                }

                if (a is IReadOnlyList<object?> la && a is not PyTuple)
                {
                    if (b is IReadOnlyList<object?> lb && b is not PyTuple)
                    {
                        var r = new List<object?>(la.Count + lb.Count);
                        r.AddRange(la);
                        r.AddRange(lb);
                        return r;
                    }

                    throw PyError.TypeError($"can only concatenate list (not \"{PyOps.TypeName(b)}\") to list");
                }

                break;
            case "*":
                if (PyOps.IsString(a) && b is long or bool)
                {
                    return Repeat(PyOps.Str(a), PyOps.ToLong(b));
                }

                if (PyOps.IsString(b) && a is long or bool)
                {
                    return Repeat(PyOps.Str(b), PyOps.ToLong(a));
                }

                if (a is IReadOnlyList<object?> l && b is long n)
                {
                    return RepeatList(l, n);
                }

                break;
            case "%":
                if (PyOps.IsString(a))
                {
                    return PercentFormat.Format(PyOps.Str(a), b);
                }

                break;
        }

        return Unsupported(op, a, b);
    }

    private static string EscapeOperand(object? b) => b is Markup m ? m.Value : Markup.Escape(PyOps.Str(b));

    private static object Unsupported(string op, object? a, object? b) =>
        throw PyError.TypeError($"unsupported operand type(s) for {Symbols.GetValueOrDefault(op, op)}: '{PyOps.TypeName(a)}' and '{PyOps.TypeName(b)}'");

    private static string Repeat(string s, long n)
    {
        if (n <= 0 || s.Length == 0)
        {
            return string.Empty;
        }

        if (n * s.Length > 64L * 1024 * 1024)
        {
            throw PyError.Limit("string repetition result is too large");
        }

        return new System.Text.StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString();
    }

    private static List<object?> RepeatList(IReadOnlyList<object?> l, long n)
    {
        var r = new List<object?>();
        if (n * l.Count > 10_000_000)
        {
            throw PyError.Limit("list repetition result is too large");
        }

        for (var i = 0; i < n; i++)
        {
            r.AddRange(l);
        }

        return r;
    }

    private static object IntOp(string op, long a, long b)
    {
        try
        {
            checked
            {
                switch (op)
                {
                    case "+": return a + b;
                    case "-": return a - b;
                    case "*": return a * b;
                    case "/":
                        return b == 0 ? throw new PyError("ZeroDivisionError", "division by zero") : (double)a / b;
                    case "//":
                        if (b == 0)
                        {
                            throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
                        }

                        var q = a / b;
                        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
                    case "%":
                        if (b == 0)
                        {
                            throw new PyError("ZeroDivisionError", "integer modulo by zero");
                        }

                        var m = a % b;
                        return m != 0 && ((m < 0) != (b < 0)) ? m + b : m;
                    case "**":
                        if (b < 0)
                        {
                            return Math.Pow(a, b);
                        }

                        long result = 1, bas = a;
                        for (var e = b; e > 0; e >>= 1)
                        {
                            if ((e & 1) == 1)
                            {
                                result *= bas;
                            }

                            if (e > 1)
                            {
                                bas *= bas;
                            }
                        }

                        return result;
                }
            }
        }
        catch (OverflowException)
        {
            throw new PyError("OverflowError", "integer result too large for this engine");
        }

        throw PyError.Runtime($"unknown operator {op}");
    }

    private static object FloatOp(string op, double a, double b)
    {
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": return b == 0 ? throw new PyError("ZeroDivisionError", "float division by zero") : a / b;
            case "//": return b == 0 ? throw new PyError("ZeroDivisionError", "float floor division by zero") : Math.Floor(a / b);
            case "%":
                if (b == 0)
                {
                    throw new PyError("ZeroDivisionError", "float modulo");
                }

                var m = a % b;
                return m != 0 && ((m < 0) != (b < 0)) ? m + b : m;
            case "**": return Math.Pow(a, b);
        }

        throw PyError.Runtime($"unknown operator {op}");
    }
}
