using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Evaluation;

/// <summary>Positional and keyword arguments of a filter, test or method call.</summary>
internal sealed class Args(List<object?> positional, List<KeyValuePair<string, object?>>? keywords, string callee)
{
    public static readonly Args Empty = new([], null, string.Empty);

    public List<object?> Positional { get; } = positional;

    public List<KeyValuePair<string, object?>>? Keywords { get; } = keywords;

    public int Count => Positional.Count;

    /// <summary>Argument by position or keyword, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null)
    {
        if (index >= 0 && index < Positional.Count)
        {
            return Positional[index];
        }

        if (Keywords is not null)
        {
            foreach (var kv in Keywords)
            {
                if (kv.Key == name)
                {
                    return kv.Value;
                }
            }
        }

        return fallback;
    }

    public bool Has(int index, string name) => index < Positional.Count || (Keywords?.Exists(k => k.Key == name) ?? false);

    public object? Required(int index, string name) => Has(index, name)
        ? Get(index, name)
        : throw PyError.TypeError($"{callee}() missing required argument '{name}'");

    public Args Skip(int n) => new(Positional.Count > n ? Positional.GetRange(n, Positional.Count - n) : [], Keywords, callee);

    public static bool Defined(object? v) => v is not Undefined;
}
