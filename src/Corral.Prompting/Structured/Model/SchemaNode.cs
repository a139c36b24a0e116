using System.Text.Json;

namespace Corral.Prompting.Structured.Model;

/// <summary>
/// A JSON Schema reduced to the constructs Corral can enforce. Both the grammar builder and the
/// validator walk this model, which is what keeps them in agreement.
/// </summary>
internal abstract record SchemaNode;

/// <summary>Any JSON value (<c>{}</c> or <c>true</c>).</summary>
internal sealed record AnyNode : SchemaNode
{
    public static readonly AnyNode Instance = new();
}

/// <summary>The JSON literal <c>null</c>.</summary>
internal sealed record NullNode : SchemaNode
{
    public static readonly NullNode Instance = new();
}

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record BooleanNode : SchemaNode
{
    public static readonly BooleanNode Instance = new();
}

/// <summary>A number; integers may carry inclusive bounds; plain numbers may only be non-negative.</summary>
internal sealed record NumberNode(bool IsInteger, long? Minimum, long? Maximum, bool NonNegative) : SchemaNode;

/// <summary>Well-known string formats enforced by the grammar (same shapes as llama.cpp).</summary>
internal enum StringFormat
{
    None,
    Date,
    Time,
    DateTime,
    Uuid,
}

/// <summary>A string with length bounds (in JSON characters) or a format.</summary>
internal sealed record StringNode(int MinLength, int? MaxLength, StringFormat Format) : SchemaNode;

/// <summary>One declared property of an object.</summary>
internal sealed record PropertySpec(string Name, SchemaNode Schema, bool Required);

/// <summary>An object; <paramref name="Additional"/> is null when extra properties are forbidden.</summary>
internal sealed record ObjectNode(IReadOnlyList<PropertySpec> Properties, SchemaNode? Additional) : SchemaNode;

/// <summary>A homogeneous array with item-count bounds.</summary>
internal sealed record ArrayNode(SchemaNode Items, int MinItems, int? MaxItems) : SchemaNode;

/// <summary>A fixed-length tuple (<c>prefixItems</c>).</summary>
internal sealed record TupleNode(IReadOnlyList<SchemaNode> Items) : SchemaNode;

/// <summary>One of a fixed set of JSON values (<c>enum</c> / <c>const</c>).</summary>
internal sealed record LiteralNode(IReadOnlyList<JsonElement> Values) : SchemaNode;

/// <summary>Any of the alternatives (<c>anyOf</c>, <c>oneOf</c>, type arrays, nullable).</summary>
internal sealed record AnyOfNode(IReadOnlyList<SchemaNode> Options) : SchemaNode;

/// <summary>A reference to a schema location, resolved through <see cref="ParsedSchema.Definitions"/>.</summary>
internal sealed record RefNode(string Pointer) : SchemaNode;

/// <summary>A parsed schema: the root node plus every referenced location.</summary>
internal sealed record ParsedSchema(SchemaNode Root, IReadOnlyDictionary<string, SchemaNode> Definitions);
