namespace Corral.Templating.Go.Execution;

/// <summary>
/// An evaluated value plus whether its static Go type is an interface (values read out of
/// <c>map[string]any</c> or <c>[]any</c>). <c>Val(null, true)</c> is a nil interface, <c>default</c>
/// is Go's invalid <c>reflect.Value</c>.
/// </summary>
internal readonly record struct Val(object? Obj, bool Iface)
{
    private sealed class MissingMarker
    {
        public static readonly MissingMarker Instance = new();
    }

    public static readonly Val Invalid;
    public static readonly Val NilIface = new(null, true);
    public static readonly Val Missing = new(MissingMarker.Instance, false);

    public bool IsValid => Obj != null || Iface;

    public bool IsMissing => ReferenceEquals(Obj, MissingMarker.Instance);

    public static Val Of(object? o) => new(o, false);

    /// <summary>Go's <c>indirectInterface</c>: drops the interface wrapper (nil interface becomes invalid).</summary>
    public Val Concrete => new(Obj, false);

    public string StaticTypeName => Iface ? "interface {}" : GoValues.TypeName(Obj);
}
