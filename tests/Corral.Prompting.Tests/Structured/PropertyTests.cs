using System.Globalization;
using System.Text.Json;
using Corral.Prompting.Structured;
using FsCheck;
using FsCheck.Fluent;

namespace Corral.Prompting.Tests.Structured;

public sealed class StructuredPropertyTests
{
    private static readonly string[] Keys = ["name", "age", "a", "b", "c", "id", "value", "children", "color", "d", "", "x\"y", "é"];
    private static readonly string[] Strings = ["", "x", "red", "2024-02-29", "12:30:00Z", "123e4567-e89b-12d3-a456-426614174000", "a\\nb", "😀", "\\u0041"];

    private static Gen<string> JsonGen(int depth) => depth <= 0
        ? Scalar()
        : Gen.OneOf(Scalar(), Scalar(),
            from items in Gen.ListOf(JsonGen(depth - 1)).Select(l => l.Take(4))
            select "[" + string.Join(",", items) + "]",
            from members in Gen.ListOf(from k in Gen.Elements(Keys) from v in JsonGen(depth - 1) select JsonSerializer.Serialize(k) + ":" + v).Select(l => l.Take(4))
            select "{" + string.Join(",", members) + "}");

    private static Gen<string> Scalar() => Gen.OneOf(
        Gen.Elements("null", "true", "false", "1.5", "-0", "1e400", "-1e-400", "123456789012345678901234567890"),
        Gen.Choose(-200, 5000).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements(Strings).Select(s => "\"" + s + "\""));

    private static readonly (CompiledJsonSchema Schema, GbnfGrammar Grammar)[] Compiled = [.. SchemaCorpus.All.Select(c =>
    {
        using var doc = JsonDocument.Parse(c.Schema);
        var compiled = CompiledJsonSchema.Compile(doc.RootElement);
        return (compiled, GbnfGrammar.Parse(compiled.Grammar));
    })];

    [Fact]
    public void Validator_NeverThrows_AndAcceptsWhateverTheGrammarAccepts() =>
        Prop.ForAll(JsonGen(3).ToArbitrary(), json =>
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var (schema, grammar) in Compiled)
            {
                var errors = schema.Validate(doc.RootElement);
                if (GbnfMatcher.Accepts(grammar, json) && errors.Count > 0)
                {
                    throw new InvalidOperationException($"grammar accepts but validator rejects {json}: {string.Join(" | ", errors)}");
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void Validator_NeverThrows_OnDeeplyNestedInput()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60));
        using var doc = JsonDocument.Parse(deep);
        foreach (var (schema, _) in Compiled)
        {
            _ = schema.Validate(doc.RootElement);
        }
    }
}
