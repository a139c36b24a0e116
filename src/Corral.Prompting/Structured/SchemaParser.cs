using System.Text.Json;
using Corral.Prompting.Structured.Model;

namespace Corral.Prompting.Structured;

/// <summary>
/// Reduces a JSON Schema to a <see cref="ParsedSchema"/>, rejecting keywords it cannot enforce with
/// <see cref="UnsupportedSchemaException"/>. Annotation and unknown keywords are ignored.
/// </summary>
internal sealed partial class SchemaParser
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, SchemaNode> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    private SchemaParser(JsonElement root) => _root = root;

    /// <summary>Parses <paramref name="schema"/>.</summary>
    public static ParsedSchema Parse(JsonElement schema)
    {
        var parser = new SchemaParser(schema);
        var root = parser.ParseSchema(schema, "#");
        foreach (var pointer in parser._definitions.Keys)
        {
            parser.RejectEmptyCycle(pointer);
        }

        return new ParsedSchema(root, parser._definitions);
    }

    private SchemaNode ParseSchema(JsonElement schema, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return AnyNode.Instance;
            case JsonValueKind.False:
                throw new UnsupportedSchemaException("false", path, "the 'false' schema matches nothing");
            case JsonValueKind.Object:
                break;
            default:
                throw new UnsupportedSchemaException("schema", path, "a schema must be an object or a boolean");
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (SchemaKeywords.Unsupported.Contains(property.Name))
            {
                throw new UnsupportedSchemaException(property.Name, SchemaPointer.Append(path, property.Name), "cannot be enforced by grammar-constrained sampling");
            }
        }

        var node = ParseCore(schema, path);
        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True
            ? new AnyOfNode([node, NullNode.Instance])
            : node;
    }

    private SchemaNode ParseCore(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            RequireNoSiblings(schema, path, "$ref");
            return ParseRef(reference, SchemaPointer.Append(path, "$ref"));
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                RequireNoSiblings(schema, path, combinator);
                var optionsPath = SchemaPointer.Append(path, combinator);
                return new AnyOfNode(ParseList(options, optionsPath, combinator));
            }
        }

        if (schema.TryGetProperty("allOf", out _))
        {
            return ParseObject(AllOfMerger.Merge(_root, schema, path), path);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literals([constant], schema, SchemaPointer.Append(path, "const"), "const");
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw new UnsupportedSchemaException("enum", SchemaPointer.Append(path, "enum"), "must be a non-empty array");
            }

            return Literals([.. values.EnumerateArray()], schema, SchemaPointer.Append(path, "enum"), "enum");
        }

        var types = ReadTypes(schema, path);
        if (types.Count == 0)
        {
            return AnyNode.Instance;
        }

        var nodes = types.Distinct(StringComparer.Ordinal).Select(t => ParseTyped(schema, path, t)).ToList();
        return nodes.Count == 1 ? nodes[0] : new AnyOfNode(nodes);
    }

    private List<SchemaNode> ParseList(JsonElement options, string path, string keyword)
    {
        if (options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0)
        {
            throw new UnsupportedSchemaException(keyword, path, "must be a non-empty array of schemas");
        }

        return [.. options.EnumerateArray().Select((option, i) => ParseSchema(option, path + "/" + i))];
    }

    private RefNode ParseRef(JsonElement reference, string path)
    {
        var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
        if (_definitions.ContainsKey(pointer) || _inProgress.Contains(pointer))
        {
            return new RefNode(pointer);
        }

        var target = SchemaPointer.Resolve(_root, pointer)
            ?? throw new UnsupportedSchemaException("$ref", path, $"only local references (#/$defs/..., #/definitions/...) are supported; '{pointer}' does not resolve");
        _inProgress.Add(pointer);
        _definitions[pointer] = ParseSchema(target, pointer);
        _inProgress.Remove(pointer);
        return new RefNode(pointer);
    }

    /// <summary>
    /// Rejects a reference that reaches itself through only references and alternatives (e.g. <c>{"$ref": "#"}</c>):
    /// it matches nothing and would be a left-recursive grammar, which llama.cpp refuses.
    /// </summary>
    private void RejectEmptyCycle(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<SchemaNode>([_definitions[start]]);
        while (pending.TryPop(out var node))
        {
            if (node is AnyOfNode any)
            {
                any.Options.ToList().ForEach(pending.Push);
            }
            else if (node is RefNode r)
            {
                if (r.Pointer == start)
                {
                    throw new UnsupportedSchemaException("$ref", start, "the reference cycle never reaches a concrete value");
                }

                if (seen.Add(r.Pointer))
                {
                    pending.Push(_definitions[r.Pointer]);
                }
            }
        }
    }

    private static void RequireNoSiblings(JsonElement schema, string path, string keyword)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (property.Name != keyword && property.Name != "nullable" && SchemaKeywords.Constraints.Contains(property.Name))
            {
                throw new UnsupportedSchemaException(property.Name, SchemaPointer.Append(path, property.Name), $"cannot be combined with '{keyword}' in the same schema");
            }
        }
    }

    private static List<string> ReadTypes(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var typePath = SchemaPointer.Append(path, "type");
            if (type.ValueKind == JsonValueKind.String)
            {
                return [type.GetString()!];
            }

            if (type.ValueKind == JsonValueKind.Array && type.GetArrayLength() > 0 && type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
            {
                return [.. type.EnumerateArray().Select(t => t.GetString()!)];
            }

            throw new UnsupportedSchemaException("type", typePath, "must be a type name or a non-empty array of type names");
        }

        bool Has(string[] hints) => hints.Any(h => schema.TryGetProperty(h, out _));
        return Has(SchemaKeywords.ObjectHints) ? ["object"]
            : Has(SchemaKeywords.ArrayHints) ? ["array"]
            : Has(SchemaKeywords.StringHints) ? ["string"]
            : Has(SchemaKeywords.NumberHints) ? ["number"]
            : [];
    }

    private LiteralNode Literals(List<JsonElement> values, JsonElement schema, string path, string keyword)
    {
        if (schema.TryGetProperty("type", out _))
        {
            var types = ReadTypes(schema, path);
            values = [.. values.Where(v => types.Any(t => JsonValues.HasType(v, t)))];
            if (values.Count == 0)
            {
                throw new UnsupportedSchemaException(keyword, path, "no value matches the schema's 'type'");
            }
        }

        return new LiteralNode([.. values.Select(v => v.Clone())]);
    }
}
