namespace Corral.Templating.Jinja.Runtime;

/// <summary>The <c>loop</c> variable inside a for block.</summary>
internal sealed class LoopContext(List<object?> items, int depth0)
{
    private object? _lastChanged = Sentinel;
    private static readonly object Sentinel = new();

    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index0" => (long)Index0,
        "index" => (long)(Index0 + 1),
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => (long)(depth0 + 1),
        "depth0" => (long)depth0,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : Undefined.WithHint("there is no previous item"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : Undefined.WithHint("there is no next item"),
        "cycle" => new NativeFunction("cycle", (_, args, _) =>
            args.Count == 0 ? throw PyError.TypeError("no items for cycling given") : args[Index0 % args.Count]),
        "changed" => new NativeFunction("changed", (_, args, _) =>
        {
            var value = new PyTuple([.. args]);
            if (ReferenceEquals(_lastChanged, Sentinel) || !PyOps.Eq(_lastChanged, value))
            {
                _lastChanged = value;
                return true;
            }

            return false;
        }),
        _ => Undefined.Attribute(this, name),
    };
}
