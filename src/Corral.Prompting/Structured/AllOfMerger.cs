using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>
/// Merges <c>allOf</c> when every part is an object schema (directly or through a local <c>$ref</c>):
/// properties are concatenated in order, <c>required</c> lists are unioned. Anything else is rejected.
/// Extra properties follow the <c>additionalProperties</c> of the schema holding <c>allOf</c>.
/// </summary>
internal static class AllOfMerger
{
    private static readonly HashSet<string> AllowedInPart = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "allOf", "$ref", "nullable",
    };

    /// <summary>Merges the object keywords of <paramref name="schema"/> and its <c>allOf</c> parts.</summary>
    public static ObjectShape Merge(JsonElement root, JsonElement schema, string path)
    {
        var merged = ObjectShape.From(schema, path);
        merged = merged with { Properties = [], Required = [] };
        Collect(root, schema, path, merged, depth: 0);
        return merged;
    }

    private static void Collect(JsonElement root, JsonElement schema, string path, ObjectShape into, int depth)
    {
        if (depth > 32 || schema.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedSchemaException("allOf", path, "only object schemas can be combined with allOf");
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (SchemaKeywords.Unsupported.Contains(property.Name))
            {
                throw new UnsupportedSchemaException(property.Name, SchemaPointer.Append(path, property.Name), "cannot be enforced by grammar-constrained sampling");
            }

            if (SchemaKeywords.Constraints.Contains(property.Name) && !AllowedInPart.Contains(property.Name))
            {
                throw new UnsupportedSchemaException("allOf", SchemaPointer.Append(path, property.Name), "only object schemas (properties/required) can be combined with allOf");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            throw new UnsupportedSchemaException("allOf", SchemaPointer.Append(path, "type"), "only object schemas can be combined with allOf");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
            var target = SchemaPointer.Resolve(root, pointer)
                ?? throw new UnsupportedSchemaException("$ref", SchemaPointer.Append(path, "$ref"), $"'{pointer}' does not resolve");
            Collect(root, target, pointer, into, depth + 1);
        }

        var own = ObjectShape.From(schema, path);
        foreach (var property in own.Properties)
        {
            if (!into.Properties.Any(p => p.Name == property.Name))
            {
                into.Properties.Add(property);
            }
        }

        into.Required.AddRange(own.Required.Where(r => !into.Required.Contains(r)));

        if (schema.TryGetProperty("allOf", out var parts))
        {
            var partsPath = SchemaPointer.Append(path, "allOf");
            if (parts.ValueKind != JsonValueKind.Array)
            {
                throw new UnsupportedSchemaException("allOf", partsPath, "must be an array of schemas");
            }

            var i = 0;
            foreach (var part in parts.EnumerateArray())
            {
                Collect(root, part, partsPath + "/" + i++, into, depth + 1);
            }
        }
    }
}
