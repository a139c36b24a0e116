namespace Corral.Templating.Go;

/// <summary>
/// A struct-like value visible to templates. This is the only way a template can read named
/// fields of a .NET object: the engine never reflects over arbitrary objects.
/// </summary>
public interface IGoStruct
{
    /// <summary>Go type name used in messages and by <c>%T</c>, e.g. <c>api.Message</c>.</summary>
    string GoTypeName { get; }

    /// <summary>Field names in declaration order, used by <c>%v</c> (<c>{a b}</c>) and <c>json</c>.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Looks up a field by its exact (case-sensitive) Go name.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="value">The field value (maps, lists, primitives or nested structs).</param>
    /// <returns><see langword="true"/> when the struct has the field.</returns>
    bool TryGetField(string name, out object? value);
}

/// <summary>
/// Optional formatting hook mirroring Go's <c>fmt.Stringer</c>: when a value implements it,
/// printing it (<c>{{.}}</c>, <c>%v</c>, <c>%s</c>, <c>print</c>) uses <see cref="GoString"/>.
/// </summary>
public interface IGoStringer
{
    /// <summary>The text Go's <c>String()</c> method would return.</summary>
    string GoString();
}

/// <summary>
/// Optional JSON hook mirroring Go's <c>json.Marshaler</c>: used by the <c>json</c> template function.
/// </summary>
public interface IGoJsonMarshaler
{
    /// <summary>Returns the value encoded as compact JSON.</summary>
    string MarshalGoJson();
}

/// <summary>
/// A function a caller may place in template data; the <c>call</c> builtin invokes only values of
/// this type. Throwing any exception reports <c>error calling call: message</c>.
/// </summary>
/// <param name="args">The evaluated arguments.</param>
/// <returns>The function result.</returns>
public delegate object? GoCallable(IReadOnlyList<object?> args);
