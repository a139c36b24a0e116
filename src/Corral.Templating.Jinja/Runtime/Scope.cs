namespace Corral.Templating.Jinja.Runtime;

/// <summary>A variable frame; lookups walk the parent chain, then the render context and globals.</summary>
internal sealed class Scope(Scope? parent)
{
    private Dictionary<string, object?>? _vars;

    public Scope? Parent { get; } = parent;

    public void Set(string name, object? value) => (_vars ??= new(StringComparer.Ordinal))[name] = value;

    public bool TryGet(string name, out object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s._vars is not null && s._vars.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }
}
