namespace Corral.Prompting.Structured;

/// <summary>Keyword classification shared by the parser.</summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords that constrain values but that Corral cannot enforce with a grammar.</summary>
    public static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "pattern", "not", "if", "then", "else", "patternProperties", "dependentRequired", "dependentSchemas",
        "dependencies", "uniqueItems", "multipleOf", "contains", "minContains", "maxContains", "propertyNames",
        "minProperties", "maxProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems",
        "$dynamicRef", "$recursiveRef",
    };

    /// <summary>Keywords that constrain values and that Corral enforces.</summary>
    public static readonly HashSet<string> Constraints = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
        "minLength", "maxLength", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "nullable",
    };

    /// <summary>Keywords that imply <c>"type": "object"</c> when no type is given.</summary>
    public static readonly string[] ObjectHints = ["properties", "required", "additionalProperties"];

    /// <summary>Keywords that imply <c>"type": "array"</c> when no type is given.</summary>
    public static readonly string[] ArrayHints = ["items", "prefixItems", "minItems", "maxItems"];

    /// <summary>Keywords that imply <c>"type": "string"</c> when no type is given.</summary>
    public static readonly string[] StringHints = ["minLength", "maxLength", "format"];

    /// <summary>Keywords that imply <c>"type": "number"</c> when no type is given.</summary>
    public static readonly string[] NumberHints = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
}
