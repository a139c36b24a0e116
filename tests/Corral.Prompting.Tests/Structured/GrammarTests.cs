using System.Text.Json;
using Corral.Prompting.Structured;

namespace Corral.Prompting.Tests.Structured;

public sealed class GrammarTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static (GbnfGrammar Grammar, string Text) Compile(string schema)
    {
        using var doc = JsonDocument.Parse(schema);
        var text = JsonSchemaGrammar.FromSchema(doc.RootElement);
        var dump = Environment.GetEnvironmentVariable("CORRAL_GBNF_DUMP");
        if (!string.IsNullOrEmpty(dump))
        {
            Directory.CreateDirectory(dump);
            var name = SchemaCorpus.All.FirstOrDefault(c => c.Schema == schema)?.Name
                ?? "extra-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(schema)))[..10];
            File.WriteAllText(Path.Combine(dump, name + ".gbnf"), text);
        }

        return (GbnfGrammar.Parse(text), text);
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.Names), MemberType = typeof(SchemaCorpus))]
    public void Grammar_IsWellFormedGbnf(string name)
    {
        var (grammar, text) = Compile(SchemaCorpus.Get(name).Schema);
        Assert.Contains("root", grammar.Rules.Keys);
        Assert.StartsWith("root ::= ", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.Names), MemberType = typeof(SchemaCorpus))]
    public void Grammar_AcceptsValidInstances_CompactAndIndented(string name)
    {
        var c = SchemaCorpus.Get(name);
        var (grammar, text) = Compile(c.Schema);
        foreach (var valid in c.Valid)
        {
            Assert.True(GbnfMatcher.Accepts(grammar, valid), $"grammar rejects {valid}\n{text}");
            if (c.CompactLiteralsOnly)
            {
                continue; // enum/const objects are literals, generated compactly (as llama.cpp does)
            }

            using var doc = JsonDocument.Parse(valid);
            var pretty = JsonSerializer.Serialize(doc.RootElement, Indented);
            Assert.True(GbnfMatcher.Accepts(grammar, pretty), $"grammar rejects indented {GbnfMatcher.Describe(pretty)}\n{text}");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaCorpus.Names), MemberType = typeof(SchemaCorpus))]
    public void Grammar_RejectsInvalidInstances(string name)
    {
        var c = SchemaCorpus.Get(name);
        var (grammar, text) = Compile(c.Schema);
        foreach (var invalid in c.Invalid)
        {
            Assert.False(GbnfMatcher.Accepts(grammar, invalid.Json), $"grammar accepts {invalid.Json}\n{text}");
        }
    }

    [Fact]
    public void Whitespace_IsBounded()
    {
        var (grammar, _) = Compile("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}""");
        Assert.True(GbnfMatcher.Accepts(grammar, "{\n\n" + new string(' ', 20) + "\"a\": 1}"));
        Assert.False(GbnfMatcher.Accepts(grammar, "{\n" + new string(' ', 21) + "\"a\": 1}"));
        Assert.False(GbnfMatcher.Accepts(grammar, "{\n\n\n\"a\": 1}"));
        Assert.False(GbnfMatcher.Accepts(grammar, "{  \"a\": 1}"));
    }

    [Fact]
    public void OptionalProperties_FollowDeclarationOrder_AtMostOnce()
    {
        var (grammar, _) = Compile(SchemaCorpus.Get("optional").Schema);
        Assert.False(GbnfMatcher.Accepts(grammar, """{"c":3,"a":1}"""));
        Assert.False(GbnfMatcher.Accepts(grammar, """{"a":1,"a":1}"""));
    }

    [Theory]
    [InlineData(-5, 12)]
    [InlineData(0, 0)]
    [InlineData(7, 7)]
    [InlineData(0, 1000)]
    [InlineData(123, 4567)]
    [InlineData(-1234, -56)]
    [InlineData(-1000, 999)]
    [InlineData(99, 101)]
    [InlineData(190, 1210)]
    [InlineData(null, 42)]
    [InlineData(-42, null)]
    [InlineData(1005, null)]
    [InlineData(null, -7)]
    public void IntegerRange_AcceptsExactlyTheRange(int? min, int? max)
    {
        var bounds = (min is { } lo ? $",\"minimum\":{lo}" : "") + (max is { } hi ? $",\"maximum\":{hi}" : "");
        var (grammar, text) = Compile("{\"type\":\"integer\"" + bounds + "}");
        for (var n = -2500; n <= 2500; n++)
        {
            var expected = (min is null || n >= min) && (max is null || n <= max);
            Assert.True(expected == GbnfMatcher.Accepts(grammar, n.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{n} in [{min},{max}]: expected {expected}\n{text}");
        }

        Assert.False(GbnfMatcher.Accepts(grammar, "-0") && min > 0);
        Assert.False(GbnfMatcher.Accepts(grammar, "007"));
    }
}
