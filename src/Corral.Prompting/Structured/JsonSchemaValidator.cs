using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>
/// Validates a JSON instance against a JSON Schema with exactly the semantics <see cref="JsonSchemaGrammar"/>
/// enforces, so any document the grammar can generate validates.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>
    /// Returns one message per violation, each starting with the instance's JSON pointer
    /// (URI fragment form, <c>#</c> for the root), e.g. <c>#/items/0/name: expected string, got number</c>.
    /// Empty when the instance is valid. Never throws for any instance.
    /// </summary>
    /// <exception cref="UnsupportedSchemaException">The schema (not the instance) uses an unsupported keyword.</exception>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance) =>
        CompiledJsonSchema.Compile(schema).Validate(instance);
}
