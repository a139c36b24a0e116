namespace Corral.Prompting.Structured.Rules;

/// <summary>A named GBNF rule body and the other named rules it uses.</summary>
internal sealed record PrimitiveRule(string Body, string[] Dependencies);

/// <summary>The fixed rules, mirroring llama.cpp's <c>json-schema-to-grammar</c> primitives.</summary>
internal static class PrimitiveRules
{
    /// <summary>
    /// Bounded whitespace, exactly as llama.cpp: nothing, one space, or one or two newlines followed by
    /// up to 20 indentation characters. Generation cannot run away on whitespace.
    /// </summary>
    public const string Space = """| " " | "\n"{1,2} [ \t]{0,20}""";

    /// <summary>Primitive rules by name.</summary>
    public static readonly IReadOnlyDictionary<string, PrimitiveRule> All = new Dictionary<string, PrimitiveRule>(StringComparer.Ordinal)
    {
        ["space"] = new(Space, []),
        ["boolean"] = new("""("true" | "false") space""", ["space"]),
        ["decimal-part"] = new("[0-9]{1,16}", []),
        ["integral-part"] = new("[0] | [1-9] [0-9]{0,15}", []),
        ["number"] = new("""("-"? integral-part) ("." decimal-part)? ([eE] [-+]? integral-part)? space""", ["integral-part", "decimal-part", "space"]),
        ["nonnegative-number"] = new("""integral-part ("." decimal-part)? ([eE] [-+]? integral-part)? space""", ["integral-part", "decimal-part", "space"]),
        ["integer"] = new("""("-"? integral-part) space""", ["integral-part", "space"]),
        ["value"] = new("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
        ["object"] = new("""
            "{" space ( string ":" space value ("," space string ":" space value)* )? "}" space
            """, ["string", "value", "space"]),
        ["array"] = new("""
            "[" space ( value ("," space value)* )? "]" space
            """, ["value", "space"]),
        ["uuid"] = new("""
            "\"" [0-9a-fA-F]{8} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{12} "\"" space
            """, ["space"]),
        ["char"] = new("""
            [^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})
            """, []),
        ["string"] = new("""
            "\"" char* "\"" space
            """, ["char", "space"]),
        ["null"] = new("\"null\" space", ["space"]),
        ["date"] = new("""
            [0-9]{4} "-" ( "0" [1-9] | "1" [0-2] ) "-" ( "0" [1-9] | [1-2] [0-9] | "3" [0-1] )
            """, []),
        ["time"] = new("""
            ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ( "." [0-9]{3} )? ( "Z" | ( "+" | "-" ) ( [01] [0-9] | "2" [0-3] ) ":" [0-5] [0-9] )
            """, []),
        ["date-time"] = new("date \"T\" time", ["date", "time"]),
        ["date-string"] = new("""
            "\"" date "\"" space
            """, ["date", "space"]),
        ["time-string"] = new("""
            "\"" time "\"" space
            """, ["time", "space"]),
        ["date-time-string"] = new("""
            "\"" date-time "\"" space
            """, ["date-time", "space"]),
    };
}
