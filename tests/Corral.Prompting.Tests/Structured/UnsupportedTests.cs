using System.Text.Json;
using Corral.Prompting.Structured;

namespace Corral.Prompting.Tests.Structured;

public sealed class UnsupportedTests
{
    private static UnsupportedSchemaException Reject(string schema)
    {
        using var doc = JsonDocument.Parse(schema);
        return Assert.Throws<UnsupportedSchemaException>(() => JsonSchemaGrammar.FromSchema(doc.RootElement));
    }

    [Theory]
    [InlineData("pattern", "\"^a+$\"")]
    [InlineData("not", "{\"type\":\"null\"}")]
    [InlineData("if", "{}")]
    [InlineData("then", "{}")]
    [InlineData("else", "{}")]
    [InlineData("patternProperties", "{\"^x\":{}}")]
    [InlineData("dependentRequired", "{\"a\":[\"b\"]}")]
    [InlineData("uniqueItems", "true")]
    [InlineData("multipleOf", "2")]
    [InlineData("contains", "{}")]
    [InlineData("propertyNames", "{}")]
    [InlineData("minProperties", "1")]
    public void UnsupportedKeyword_IsNamedWithItsPath(string keyword, string value)
    {
        var e = Reject("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\",\"" + keyword + "\":" + value + "}}}");
        Assert.Equal(keyword, e.Keyword);
        Assert.Equal("#/properties/x/" + keyword, e.SchemaPath);
        Assert.Contains(keyword, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"number","maximum":5}""", "maximum", "#/maximum")]
    [InlineData("""{"type":"number","minimum":1}""", "minimum", "#/minimum")]
    [InlineData("""{"$ref":"https://example.com/s.json"}""", "$ref", "#/$ref")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref", "#/$ref")]
    [InlineData("""{"type":"widget"}""", "type", "#/type")]
    [InlineData("""{"type":"string","format":"date","maxLength":3}""", "maxLength", "#/maxLength")]
    [InlineData("""{"type":"object","properties":{"a":false}}""", "false", "#/properties/a")]
    [InlineData("""{"allOf":[{"type":"string"}]}""", "allOf", "#/allOf/0/type")]
    [InlineData("""{"items":{"pattern":"x"}}""", "pattern", "#/items/pattern")]
    [InlineData("""{"$defs":{"a":{"not":{}}},"$ref":"#/$defs/a"}""", "not", "#/$defs/a/not")]
    [InlineData("""{"anyOf":[{}],"type":"object"}""", "type", "#/type")]
    [InlineData("""{"type":"integer","minimum":1e20}""", "minimum", "#/minimum")]
    [InlineData("""{"type":"array","prefixItems":[{}],"items":{}}""", "items", "#/items")]
    [InlineData("""{"$ref":"#"}""", "$ref", "#")]
    [InlineData("""{"$defs":{"a":{"anyOf":[{"type":"null"},{"$ref":"#/$defs/b"}]},"b":{"$ref":"#/$defs/a"}},"type":"array","items":{"$ref":"#/$defs/a"}}""", "$ref", "#/$defs/b")]
    public void UnenforceableSchemas_AreRejected(string schema, string keyword, string path)
    {
        var e = Reject(schema);
        Assert.Equal(keyword, e.Keyword);
        Assert.Equal(path, e.SchemaPath);
    }

    [Fact]
    public void AnnotationsAndUnknownKeywords_AreIgnored()
    {
        using var doc = JsonDocument.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","$comment":"c","title":"T","description":"D",
             "examples":[{}],"default":{},"x-vendor":1,"type":"object","properties":{"a":{"type":"string","description":"d","deprecated":true}}}
            """);
        using var plain = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""");
        Assert.Equal(JsonSchemaGrammar.FromSchema(plain.RootElement), JsonSchemaGrammar.FromSchema(doc.RootElement));
    }
}
