using System.Text;
using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Writes a Go struct the way <c>encoding/json</c> does: tagged keys in declaration order, values marshalled
/// with Go's rules (HTML-safe escaping, sorted map keys).</summary>
internal sealed class GoJsonObject
{
    private readonly StringBuilder _sb = new();

    public GoJsonObject() => _sb.Append('{');

    public GoJsonObject Field(string key, object? value)
    {
        if (_sb.Length > 1) _sb.Append(',');
        _sb.Append(GoFormat.Json(key)).Append(':').Append(GoFormat.Json(value) ?? "null");
        return this;
    }

    /// <summary>A field tagged <c>omitempty</c>: left out when <paramref name="include"/> is false.</summary>
    public GoJsonObject FieldIf(bool include, string key, object? value) => include ? Field(key, value) : this;

    public override string ToString() => _sb.ToString() + "}";
}

/// <summary>Base of the struct adapters: a Go struct with exported fields, visible to templates by Go field name.</summary>
internal abstract class GoStructValue : IGoStruct
{
    public abstract string GoTypeName { get; }

    public abstract IReadOnlyList<string> FieldNames { get; }

    public abstract bool TryGetField(string name, out object? value);
}
