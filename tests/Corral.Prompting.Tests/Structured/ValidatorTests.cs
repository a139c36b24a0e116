using System.Text.Json;
using Corral.Prompting.Structured;

namespace Corral.Prompting.Tests.Structured;

public sealed class ValidatorTests
{
    internal static IReadOnlyList<string> Validate(string schema, string instance)
    {
        using var s = JsonDocument.Parse(schema);
        using var i = JsonDocument.Parse(instance);
        return JsonSchemaValidator.Validate(s.RootElement, i.RootElement);
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.Names), MemberType = typeof(SchemaCorpus))]
    public void ValidInstances_HaveNoErrors(string name)
    {
        var c = SchemaCorpus.Get(name);
        foreach (var valid in c.Valid)
        {
            Assert.Empty(Validate(c.Schema, valid));
        }
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.Names), MemberType = typeof(SchemaCorpus))]
    public void InvalidInstances_ReportTheRightPath(string name)
    {
        var c = SchemaCorpus.Get(name);
        foreach (var invalid in c.Invalid)
        {
            var errors = Validate(c.Schema, invalid.Json);
            Assert.True(errors.Any(e => e.StartsWith(invalid.ExpectedError, StringComparison.Ordinal)),
                $"{invalid.Json}: expected '{invalid.ExpectedError}', got [{string.Join(" | ", errors)}]");
        }
    }

    [Fact]
    public void PropertyOrder_DoesNotMatterToTheValidator() =>
        Assert.Empty(Validate(SchemaCorpus.Get("flat").Schema, """{"age":1,"name":"x"}"""));

    [Fact]
    public void PointerSegments_AreEscaped() =>
        Assert.Contains("#/a~1b~0c: expected integer, got string",
            Validate("""{"type":"object","properties":{"a/b~c":{"type":"integer"}}}""", """{"a/b~c":"x"}"""));

    [Fact]
    public void Compiled_ValidatesRepeatedly()
    {
        using var s = JsonDocument.Parse(SchemaCorpus.Get("tree-ref").Schema);
        var compiled = CompiledJsonSchema.Compile(s.RootElement);
        using var ok = JsonDocument.Parse("""{"value":1,"children":[]}""");
        using var bad = JsonDocument.Parse("""{"value":1}""");
        Assert.Empty(compiled.Validate(ok.RootElement));
        Assert.Single(compiled.Validate(bad.RootElement));
        Assert.Contains("ref-node", compiled.Grammar, StringComparison.Ordinal);
    }
}
