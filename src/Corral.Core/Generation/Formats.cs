using System.Text.Json;
using Corral.Core.Errors;
using Corral.Prompting.Structured;

namespace Corral.Core.Generation;

/// <summary>Turns a request's <c>format</c> into a grammar that constrains sampling.</summary>
internal static class Formats
{
    /// <summary>llama.cpp's JSON grammar (grammars/json.gbnf).</summary>
    public const string JsonGrammar = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws
        object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
        array  ::= "[" ws ( value ("," ws value)* )? "]" ws
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" (["\\bfnrt] | "u" [0-9a-fA-F]{4}) )* "\"" ws
        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws
        ws ::= | " " | "\n" [ \t]{0,20}
        """;

    public static string? GrammarFor(JsonElement? format)
    {
        if (format is not { } f || f.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (f.ValueKind == JsonValueKind.String)
        {
            return f.GetString() switch
            {
                "" => null,
                "json" => JsonGrammar,
                var other => throw CorralException.BadRequest($"invalid format: \"{other}\" (use \"json\" or a JSON schema object)"),
            };
        }

        if (f.ValueKind == JsonValueKind.Object)
        {
            try
            {
                return JsonSchemaGrammar.FromSchema(f);
            }
            catch (UnsupportedSchemaException e)
            {
                throw CorralException.BadRequest($"format: the JSON schema cannot be enforced: {e.Message}");
            }
        }

        throw CorralException.BadRequest("invalid format: expected \"json\" or a JSON schema object");
    }
}
