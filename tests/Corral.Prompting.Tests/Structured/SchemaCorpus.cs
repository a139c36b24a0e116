namespace Corral.Prompting.Tests.Structured;

/// <summary>An invalid instance and the start of the error it must produce (JSON pointer + message).</summary>
public sealed record InvalidInstance(string Json, string ExpectedError);

/// <summary>A schema with instances that must validate (written in grammar order) and instances that must not.</summary>
public sealed record SchemaCase(string Name, string Schema, string[] Valid, InvalidInstance[] Invalid, bool CompactLiteralsOnly = false)
{
    public override string ToString() => Name;
}

/// <summary>The schemas the structured-output tests run against.</summary>
public static class SchemaCorpus
{
    public static readonly SchemaCase[] All =
    [
        new("flat", """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"admin":{"type":"boolean"}},"required":["name","age"]}""",
            ["""{"name":"Ann","age":30}""", """{"name":"Bob","age":-2,"admin":true}""", """{"name":"é😀\n","age":0}"""],
            [new("""{"name":"Ann"}""", "#: missing required property 'age'"), new("""{"name":1,"age":3}""", "#/name: expected string"),
             new("""{"name":"a","age":1.5}""", "#/age: expected integer"), new("""{"name":"a","age":1,"x":1}""", "#/x: property is not allowed")]),
        new("nested", """{"type":"object","properties":{"user":{"type":"object","properties":{"address":{"type":"object","properties":{"city":{"type":"string"},"zip":{"type":"string","minLength":5,"maxLength":5}},"required":["city","zip"]}},"required":["address"]}},"required":["user"]}""",
            ["""{"user":{"address":{"city":"Oslo","zip":"01234"}}}"""],
            [new("""{"user":{"address":{"city":"Oslo","zip":"123"}}}""", "#/user/address/zip: string is shorter"),
             new("""{"user":{"address":{"city":"Oslo","zip":"123456"}}}""", "#/user/address/zip: string is longer"),
             new("""{"user":{}}""", "#/user: missing required property 'address'")]),
        new("array-bounds", """{"type":"array","items":{"type":"integer","minimum":1,"maximum":100},"minItems":1,"maxItems":3}""",
            ["[1]", "[5,100,42]"],
            [new("[]", "#: array has 0 items"), new("[1,2,3,4]", "#: array has 4 items, more than"), new("[0]", "#/0: 0 is less than the minimum 1"),
             new("[1,101]", "#/1: 101 is greater than the maximum 100"), new("{}", "#: expected array, got object")]),
        new("enum", """{"type":"object","properties":{"color":{"enum":["red","green","blue"]},"size":{"type":"string","enum":["S","M",3]}},"required":["color"]}""",
            ["""{"color":"red"}""", """{"color":"blue","size":"M"}"""],
            [new("""{"color":"pink"}""", "#/color: value is not one of"), new("""{"color":"red","size":3}""", "#/size: value is not one of")]),
        new("anyOf", """{"anyOf":[{"type":"string"},{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}]}""",
            ["\"x\"", """{"id":3}"""],
            [new("3", "#: value matches none"), new("""{"id":"x"}""", "#: value matches none")]),
        new("tree-ref", """{"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["value","children"]}},"$ref":"#/$defs/node"}""",
            ["""{"value":1,"children":[{"value":2,"children":[]},{"value":3,"children":[{"value":4,"children":[]}]}]}"""],
            [new("""{"value":1,"children":[{"value":"x","children":[]}]}""", "#/children/0/value: expected integer"),
             new("""{"value":1,"children":[{"value":2}]}""", "#/children/0: missing required property 'children'")]),
        new("list-definitions", """{"definitions":{"list":{"type":"object","properties":{"head":{"type":"string"},"tail":{"anyOf":[{"$ref":"#/definitions/list"},{"type":"null"}]}},"required":["head","tail"]}},"$ref":"#/definitions/list"}""",
            ["""{"head":"a","tail":{"head":"b","tail":null}}"""],
            [new("""{"head":"a","tail":{"head":"b","tail":1}}""", "#/tail: value matches none")]),
        new("formats", """{"type":"object","properties":{"d":{"type":"string","format":"date"},"t":{"type":"string","format":"time"},"dt":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"},"e":{"type":"string","format":"email"}},"required":["d","t","dt","id"]}""",
            ["""{"d":"2024-02-29","t":"12:30:00Z","dt":"2024-01-01T00:00:00.123+02:00","id":"123e4567-e89b-12d3-a456-426614174000"}""",
             """{"d":"1999-12-31","t":"23:59:59-05:00","dt":"2024-01-01T00:00:00Z","id":"ABCDEF00-0000-0000-0000-000000000000","e":"anything"}"""],
            [new("""{"d":"2024-13-01","t":"12:30:00Z","dt":"2024-01-01T00:00:00Z","id":"123e4567-e89b-12d3-a456-426614174000"}""", "#/d: string is not a valid date"),
             new("""{"d":"2024-12-01","t":"24:00:00Z","dt":"2024-01-01T00:00:00Z","id":"123e4567-e89b-12d3-a456-426614174000"}""", "#/t: string is not a valid time"),
             new("""{"d":"2024-12-01","t":"12:30:00Z","dt":"2024-01-01 00:00:00Z","id":"123e4567-e89b-12d3-a456-426614174000"}""", "#/dt: string is not a valid date-time"),
             new("""{"d":"2024-12-01","t":"12:30:00Z","dt":"2024-01-01T00:00:00Z","id":"xyz"}""", "#/id: string is not a valid uuid")]),
        new("optional", """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"integer"}}}""",
            ["{}", """{"a":1}""", """{"b":2}""", """{"c":3}""", """{"a":1,"c":3}""", """{"a":1,"b":2,"c":3}"""],
            [new("""{"a":"x"}""", "#/a: expected integer"), new("""{"d":1}""", "#/d: property is not allowed")]),
        new("required-and-optional", """{"properties":{"r":{"type":"string"},"o1":{"type":"number"},"o2":{"type":"null"}},"required":["r"]}""",
            ["""{"r":"x"}""", """{"r":"x","o2":null}""", """{"r":"x","o1":-1.5e3,"o2":null}"""],
            [new("""{"o1":1}""", "#: missing required property 'r'"), new("""{"r":"x","o1":"1"}""", "#/o1: expected number")]),
        new("additional-schema", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":{"type":"number"}}""",
            ["""{"name":"x"}""", """{"name":"x","score":1,"n2":2.5}""", """{"name":"x","nam":1,"names":2,"":3}"""],
            [new("""{"name":"x","extra":"s"}""", "#/extra: expected number"), new("""{"name":"x","name":1}""", "#/name: expected string")]),
        new("additional-true", """{"type":"object","additionalProperties":true}""",
            ["{}", """{"a":[1,{"b":null}],"c":"d"}"""],
            [new("[]", "#: expected object, got array")]),
        new("nullable", """{"type":"object","properties":{"n":{"type":["string","null"]},"m":{"type":"integer","nullable":true},"k":{"anyOf":[{"type":"number"},{"type":"null"}]}},"required":["n","m","k"]}""",
            ["""{"n":null,"m":null,"k":null}""", """{"n":"s","m":1,"k":2.5}"""],
            [new("""{"n":1,"m":null,"k":null}""", "#/n: value matches none"), new("""{"n":null,"m":1.5,"k":null}""", "#/m: value matches none")]),
        new("any", "{}", ["1", "\"s\"", """[1,{"a":null}]""", """{"x":{}}""", "null", "true", "-0.5e-3"], []),
        new("tuple-const", """{"type":"array","prefixItems":[{"const":"point"},{"type":"number"},{"type":"number"}]}""",
            ["""["point",1,2]"""],
            [new("""["point",1]""", "#: array has 2 items, expected exactly 3"), new("""["line",1,2]""", "#/0: value is not one of")]),
        new("allOf", """{"allOf":[{"$ref":"#/$defs/base"},{"properties":{"extra":{"type":"boolean"}},"required":["extra"]}],"$defs":{"base":{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}}}""",
            ["""{"id":1,"extra":true}"""],
            [new("""{"id":1}""", "#: missing required property 'extra'"), new("""{"id":1,"extra":true,"z":0}""", "#/z: property is not allowed")]),
        new("integer-ranges", """{"type":"object","properties":{"a":{"type":"integer","minimum":-5,"maximum":12},"b":{"type":"integer","minimum":10},"c":{"type":"integer","exclusiveMaximum":0},"d":{"type":"integer","minimum":123,"maximum":4567},"e":{"type":"number","minimum":0}},"required":["a","b","c","d"]}""",
            ["""{"a":-5,"b":10,"c":-1,"d":123}""", """{"a":12,"b":99999,"c":-100,"d":4567,"e":0.5}""", """{"a":0,"b":11,"c":-9,"d":999,"e":0}"""],
            [new("""{"a":-6,"b":10,"c":-1,"d":123}""", "#/a: -6 is less than the minimum -5"), new("""{"a":13,"b":10,"c":-1,"d":123}""", "#/a: 13 is greater"),
             new("""{"a":1,"b":9,"c":-1,"d":123}""", "#/b: 9 is less"), new("""{"a":1,"b":10,"c":0,"d":123}""", "#/c: 0 is greater than the maximum -1"),
             new("""{"a":1,"b":10,"c":-1,"d":4568}""", "#/d: 4568 is greater"), new("""{"a":1,"b":10,"c":-1,"d":123,"e":-1}""", "#/e: -1 is less than the minimum 0")]),
        new("string-length", """{"type":"string","minLength":1,"maxLength":3}""",
            ["\"a\"", "\"\\n\\t\\u0041\"", "\"😀é\""],
            [new("\"\"", "#: string is shorter than minLength 1"), new("\"abcd\"", "#: string is longer than maxLength 3")]),
        new("escaped-names", """{"type":"object","properties":{"a \"quoted\" key":{"type":"string"},"enum-ish":{"enum":["x\"y", null, 1.5, {"k":[1]}]}},"required":["a \"quoted\" key","enum-ish"],"additionalProperties":false}""",
            ["""{"a \"quoted\" key":"v","enum-ish":"x\"y"}""", """{"a \"quoted\" key":"v","enum-ish":{"k":[1]}}"""],
            [new("""{"a \"quoted\" key":"v","enum-ish":2}""", "#/enum-ish: value is not one of")], CompactLiteralsOnly: true),
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static SchemaCase Get(string name) => All.Single(c => c.Name == name);
}
