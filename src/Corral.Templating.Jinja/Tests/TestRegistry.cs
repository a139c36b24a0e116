using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Tests;

/// <summary>A jinja2 test (<c>x is name(args)</c>).</summary>
internal delegate bool TestFn(Renderer renderer, object? value, Args args);

/// <summary>The built-in jinja2 tests.</summary>
internal static class TestRegistry
{
    private static readonly Dictionary<string, TestFn> All = new(StringComparer.Ordinal)
    {
        ["defined"] = (_, v, _) => v is not Undefined,
        ["undefined"] = (_, v, _) => v is Undefined,
        ["none"] = (_, v, _) => v is null,
        ["string"] = (_, v, _) => PyOps.IsString(v),
        ["mapping"] = (_, v, _) => v is IReadOnlyDictionary<string, object?>,
        ["sequence"] = (_, v, _) => v is string or Markup or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>,
        ["iterable"] = (_, v, _) => PyOps.IsIterable(v),
        ["number"] = (_, v, _) => PyOps.IsNumber(v),
        ["integer"] = (_, v, _) => v is long or int,
        ["float"] = (_, v, _) => v is double,
        ["boolean"] = (_, v, _) => v is bool,
        ["true"] = (_, v, _) => v is true,
        ["false"] = (_, v, _) => v is false,
        ["callable"] = (_, v, _) => v is ICallable,
        ["odd"] = (_, v, _) => PyOps.ToLong(v) % 2 != 0,
        ["even"] = (_, v, _) => PyOps.ToLong(v) % 2 == 0,
        ["divisibleby"] = (_, v, a) => PyOps.ToLong(v) % PyOps.ToLong(a.Required(0, "num")) == 0,
        ["lower"] = (_, v, _) => PyOps.Str(v) is var s && s.Any(char.IsLower) && !s.Any(char.IsUpper),
        ["upper"] = (_, v, _) => PyOps.Str(v) is var s && s.Any(char.IsUpper) && !s.Any(char.IsLower),
        ["sameas"] = (_, v, a) => SameAs(v, a.Required(0, "other")),
        ["escaped"] = (_, v, _) => v is Markup,
        ["in"] = (_, v, a) => PyOps.Contains(a.Required(0, "seq"), v),
        ["filter"] = (_, v, _) => v is string s && Filters.FilterRegistry.TryGet(s, out _),
        ["test"] = (_, v, _) => v is string s && All!.ContainsKey(s),
    };

    static TestRegistry()
    {
        Compare(["eq", "equalto", "=="], "==");
        Compare(["ne", "!="], "!=");
        Compare(["lt", "lessthan", "<"], "<");
        Compare(["le", "<="], "<=");
        Compare(["gt", "greaterthan", ">"], ">");
        Compare(["ge", ">="], ">=");
    }

    private static void Compare(string[] names, string op)
    {
        foreach (var name in names)
        {
            All[name] = (_, v, a) => Operators.Compare(op, v, a.Required(0, "other"));
        }
    }

    public static bool TryGet(string name, out TestFn test) => All.TryGetValue(name, out test!);

    private static bool SameAs(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (bool x, bool y) => x == y,
        (long x, long y) => x == y && x is >= -5 and <= 256,
        _ => ReferenceEquals(a, b),
    };
}
