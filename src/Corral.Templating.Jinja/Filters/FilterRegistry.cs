using Corral.Templating.Jinja.Evaluation;

namespace Corral.Templating.Jinja.Filters;

/// <summary>A jinja2 filter (<c>value | name(args)</c>).</summary>
internal delegate object? FilterFn(Renderer renderer, object? value, Args args);

/// <summary>The filters of HF's environment: jinja2's builtins with transformers' tojson.</summary>
internal static class FilterRegistry
{
    private static readonly Dictionary<string, FilterFn> All = Build();

    public static bool TryGet(string name, out FilterFn filter) => All.TryGetValue(name, out filter!);

    private static Dictionary<string, FilterFn> Build()
    {
        var d = new Dictionary<string, FilterFn>(StringComparer.Ordinal);
        StringFilters.Register(d);
        SequenceFilters.Register(d);
        SelectionFilters.Register(d);
        ValueFilters.Register(d);
        return d;
    }
}
