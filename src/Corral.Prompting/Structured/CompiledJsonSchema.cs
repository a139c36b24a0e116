using System.Text.Json;
using Corral.Prompting.Structured.Model;

namespace Corral.Prompting.Structured;

/// <summary>
/// A schema parsed once: its GBNF <see cref="Grammar"/> for constrained sampling and a <see cref="Validate"/>
/// check for the finished answer. Immutable and thread-safe.
/// </summary>
public sealed class CompiledJsonSchema
{
    private readonly ParsedSchema _schema;

    private CompiledJsonSchema(ParsedSchema schema, string grammar)
    {
        _schema = schema;
        Grammar = grammar;
    }

    /// <summary>The llama.cpp GBNF grammar (start rule <c>root</c>).</summary>
    public string Grammar { get; }

    /// <summary>Parses <paramref name="schema"/> and builds its grammar.</summary>
    /// <exception cref="UnsupportedSchemaException">The schema uses a keyword that cannot be enforced.</exception>
    public static CompiledJsonSchema Compile(JsonElement schema)
    {
        var parsed = SchemaParser.Parse(schema.Clone());
        return new CompiledJsonSchema(parsed, SchemaGrammarBuilder.Build(parsed));
    }

    /// <summary>Validation errors for <paramref name="instance"/> (see <see cref="JsonSchemaValidator.Validate"/>); never throws.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance) => SchemaValidator.Validate(_schema, instance);
}
