using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>A declared property before parsing: its name, raw schema and schema path.</summary>
internal sealed record RawProperty(string Name, JsonElement Schema, string Path);

/// <summary>The object keywords of one schema (or of several merged by <c>allOf</c>), not yet parsed.</summary>
internal sealed record ObjectShape(List<RawProperty> Properties, List<string> Required, JsonElement? Additional, string AdditionalPath)
{
    /// <summary>Reads <c>properties</c>, <c>required</c> and <c>additionalProperties</c> of <paramref name="schema"/>.</summary>
    public static ObjectShape From(JsonElement schema, string path)
    {
        var properties = new List<RawProperty>();
        if (schema.TryGetProperty("properties", out var props))
        {
            var propsPath = SchemaPointer.Append(path, "properties");
            if (props.ValueKind != JsonValueKind.Object)
            {
                throw new UnsupportedSchemaException("properties", propsPath, "must be an object");
            }

            properties.AddRange(props.EnumerateObject().Select(p => new RawProperty(p.Name, p.Value, SchemaPointer.Append(propsPath, p.Name))));
        }

        var required = new List<string>();
        if (schema.TryGetProperty("required", out var req))
        {
            if (req.ValueKind != JsonValueKind.Array || req.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                throw new UnsupportedSchemaException("required", SchemaPointer.Append(path, "required"), "must be an array of property names");
            }

            required.AddRange(req.EnumerateArray().Select(r => r.GetString()!));
        }

        JsonElement? additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : null;
        return new ObjectShape(properties, required, additional, SchemaPointer.Append(path, "additionalProperties"));
    }
}
