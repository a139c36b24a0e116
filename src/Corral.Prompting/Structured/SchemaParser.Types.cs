using System.Text.Json;
using Corral.Prompting.Structured.Model;

namespace Corral.Prompting.Structured;

/// <summary>Type-specific parsing (object, array, string, number).</summary>
internal sealed partial class SchemaParser
{
    /// <summary>Integer bounds are limited to 15 digits so they stay within llama.cpp's 16-digit integers.</summary>
    private const long MaxBound = 999_999_999_999_999;

    private SchemaNode ParseTyped(JsonElement schema, string path, string type) => type switch
    {
        "object" => ParseObject(ObjectShape.From(schema, path), path),
        "array" => ParseArray(schema, path),
        "string" => ParseString(schema, path),
        "integer" => ParseInteger(schema, path),
        "number" => ParseNumber(schema, path),
        "boolean" => BooleanNode.Instance,
        "null" => NullNode.Instance,
        _ => throw new UnsupportedSchemaException("type", SchemaPointer.Append(path, "type"), $"unknown type '{type}'"),
    };

    private ObjectNode ParseObject(ObjectShape shape, string path)
    {
        var properties = shape.Properties
            .Select(p => new PropertySpec(p.Name, ParseSchema(p.Schema, p.Path), shape.Required.Contains(p.Name)))
            .ToList();
        SchemaNode? additional = shape.Additional switch
        {
            null => null,
            { ValueKind: JsonValueKind.False } => null,
            { ValueKind: JsonValueKind.True } => AnyNode.Instance,
            { } extra => ParseSchema(extra, shape.AdditionalPath),
        };
        foreach (var name in shape.Required.Where(r => properties.All(p => p.Name != r)))
        {
            properties.Add(new PropertySpec(name, additional ?? AnyNode.Instance, Required: true));
        }

        return new ObjectNode(properties, additional);
    }

    private SchemaNode ParseArray(JsonElement schema, string path)
    {
        var minItems = ReadCount(schema, path, "minItems") ?? 0;
        var maxItems = ReadCount(schema, path, "maxItems");
        var hasItems = schema.TryGetProperty("items", out var items);
        var hasPrefix = schema.TryGetProperty("prefixItems", out var prefix);
        if (hasItems && items.ValueKind == JsonValueKind.Array)
        {
            (prefix, hasPrefix, hasItems) = (items, true, false);
        }

        if (hasPrefix)
        {
            if (hasItems && items.ValueKind != JsonValueKind.False)
            {
                throw new UnsupportedSchemaException("items", SchemaPointer.Append(path, "items"), "items after prefixItems is not supported (tuples are exact length)");
            }

            foreach (var bound in (ReadOnlySpan<string>)["minItems", "maxItems"])
            {
                if (schema.TryGetProperty(bound, out _))
                {
                    throw new UnsupportedSchemaException(bound, SchemaPointer.Append(path, bound), "cannot be combined with prefixItems (tuples are exact length)");
                }
            }

            var prefixPath = SchemaPointer.Append(path, schema.TryGetProperty("prefixItems", out _) ? "prefixItems" : "items");
            if (prefix.ValueKind != JsonValueKind.Array)
            {
                throw new UnsupportedSchemaException("prefixItems", prefixPath, "must be an array of schemas");
            }

            return new TupleNode([.. prefix.EnumerateArray().Select((s, i) => ParseSchema(s, prefixPath + "/" + i))]);
        }

        if (maxItems < minItems)
        {
            throw new UnsupportedSchemaException("maxItems", SchemaPointer.Append(path, "maxItems"), "is smaller than minItems");
        }

        var itemNode = hasItems ? ParseSchema(items, SchemaPointer.Append(path, "items")) : AnyNode.Instance;
        return new ArrayNode(itemNode, minItems, maxItems);
    }

    private StringNode ParseString(JsonElement schema, string path)
    {
        var minLength = ReadCount(schema, path, "minLength") ?? 0;
        var maxLength = ReadCount(schema, path, "maxLength");
        if (maxLength < minLength)
        {
            throw new UnsupportedSchemaException("maxLength", SchemaPointer.Append(path, "maxLength"), "is smaller than minLength");
        }

        var format = StringFormat.None;
        if (schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String)
        {
            // Other formats (email, uri, ...) are annotations in JSON Schema 2020-12 and, like llama.cpp, are not enforced.
            format = f.GetString() switch
            {
                "date" => StringFormat.Date,
                "time" => StringFormat.Time,
                "date-time" => StringFormat.DateTime,
                "uuid" => StringFormat.Uuid,
                _ => StringFormat.None,
            };
        }

        if (format != StringFormat.None && (minLength > 0 || maxLength is not null))
        {
            var keyword = minLength > 0 ? "minLength" : "maxLength";
            throw new UnsupportedSchemaException(keyword, SchemaPointer.Append(path, keyword), "cannot be combined with a string format");
        }

        return new StringNode(minLength, maxLength, format);
    }

    private static NumberNode ParseInteger(JsonElement schema, string path)
    {
        long? min = ReadBound(schema, path, "minimum", exclusive: false, lower: true);
        long? max = ReadBound(schema, path, "maximum", exclusive: false, lower: false);
        var exMin = ReadBound(schema, path, "exclusiveMinimum", exclusive: true, lower: true);
        var exMax = ReadBound(schema, path, "exclusiveMaximum", exclusive: true, lower: false);
        min = exMin is { } a && (min is null || a > min) ? a : min;
        max = exMax is { } b && (max is null || b < max) ? b : max;
        if (min > max)
        {
            throw new UnsupportedSchemaException("maximum", SchemaPointer.Append(path, "maximum"), "no integer satisfies the bounds");
        }

        return new NumberNode(IsInteger: true, min, max, NonNegative: false);
    }

    private static NumberNode ParseNumber(JsonElement schema, string path)
    {
        foreach (var keyword in SchemaKeywords.NumberHints)
        {
            if (!schema.TryGetProperty(keyword, out var value))
            {
                continue;
            }

            if (keyword != "minimum" || !value.TryGetDecimal(out var zero) || zero != 0)
            {
                throw new UnsupportedSchemaException(keyword, SchemaPointer.Append(path, keyword), "numeric bounds on non-integer numbers are only supported as \"minimum\": 0 (use \"type\": \"integer\" for other bounds)");
            }
        }

        return new NumberNode(IsInteger: false, null, null, NonNegative: schema.TryGetProperty("minimum", out _));
    }

    private static int? ReadCount(JsonElement schema, string path, string keyword)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d >= 0 && d <= 100_000 && decimal.Truncate(d) == d)
        {
            return (int)d;
        }

        throw new UnsupportedSchemaException(keyword, SchemaPointer.Append(path, keyword), "must be a non-negative integer no larger than 100000");
    }

    private static long? ReadBound(JsonElement schema, string path, string keyword, bool exclusive, bool lower)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var d) || Math.Abs(d) > MaxBound)
        {
            throw new UnsupportedSchemaException(keyword, SchemaPointer.Append(path, keyword), $"must be a number with magnitude at most {MaxBound}");
        }

        var bound = lower ? decimal.Ceiling(d) : decimal.Floor(d);
        if (exclusive && bound == d)
        {
            bound += lower ? 1 : -1;
        }

        return (long)bound;
    }
}
