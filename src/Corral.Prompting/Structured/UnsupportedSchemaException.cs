namespace Corral.Prompting.Structured;

/// <summary>
/// Thrown when a JSON Schema uses a keyword (or a keyword value) that Corral cannot enforce by
/// grammar-constrained sampling. Callers should turn it into a 400 naming <see cref="Keyword"/>.
/// </summary>
public sealed class UnsupportedSchemaException : Exception
{
    /// <summary>Creates the exception for <paramref name="keyword"/> found at <paramref name="schemaPath"/>.</summary>
    public UnsupportedSchemaException(string keyword, string schemaPath, string reason)
        : base($"JSON schema keyword '{keyword}' at {schemaPath} is not supported: {reason}")
    {
        Keyword = keyword;
        SchemaPath = schemaPath;
        Reason = reason;
    }

    /// <summary>Creates an exception with a plain message (keyword unknown).</summary>
    public UnsupportedSchemaException() : this("schema", "#", "unsupported schema") { }

    /// <summary>Creates an exception with a plain message (keyword unknown).</summary>
    public UnsupportedSchemaException(string message) : base(message)
    {
        Keyword = "schema";
        SchemaPath = "#";
        Reason = message;
    }

    /// <summary>Creates an exception with a plain message and an inner exception.</summary>
    public UnsupportedSchemaException(string message, Exception innerException) : base(message, innerException)
    {
        Keyword = "schema";
        SchemaPath = "#";
        Reason = message;
    }

    /// <summary>The offending keyword, e.g. <c>pattern</c>.</summary>
    public string Keyword { get; }

    /// <summary>JSON pointer (URI fragment form) of the keyword inside the schema, e.g. <c>#/properties/name/pattern</c>.</summary>
    public string SchemaPath { get; }

    /// <summary>Why the keyword cannot be enforced.</summary>
    public string Reason { get; }
}
