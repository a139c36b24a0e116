using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>
/// Converts a JSON Schema (a request's <c>format</c> or <c>response_format.json_schema.schema</c>) into a
/// llama.cpp GBNF grammar whose <c>root</c> rule generates exactly the JSON documents the schema allows,
/// modulo the documented departures below.
/// </summary>
/// <remarks>
/// Departures, shared with <see cref="JsonSchemaValidator"/> so the two always agree:
/// <list type="bullet">
/// <item>Objects admit no properties beyond <c>properties</c> unless <c>additionalProperties</c> is <c>true</c> or a schema
/// (llama.cpp's default). The grammar emits required properties first, then optional ones, each in declaration order.</item>
/// <item><c>oneOf</c> is treated as <c>anyOf</c>; <c>prefixItems</c> tuples are exact length.</item>
/// <item>Formats <c>date</c>, <c>time</c>, <c>date-time</c>, <c>uuid</c> are enforced by shape (not calendar validity);
/// other formats are annotations and ignored.</item>
/// <item>Whitespace between tokens is bounded as in llama.cpp (at most two newlines and 20 indentation characters).</item>
/// </list>
/// Unsupported constraint keywords throw <see cref="UnsupportedSchemaException"/>; annotations and unknown keywords are ignored.
/// </remarks>
public static class JsonSchemaGrammar
{
    /// <summary>Builds the GBNF grammar for <paramref name="schema"/>.</summary>
    /// <exception cref="UnsupportedSchemaException">The schema uses a keyword that cannot be enforced.</exception>
    public static string FromSchema(JsonElement schema) => CompiledJsonSchema.Compile(schema).Grammar;
}
