using FsCheck;
using FsCheck.Fluent;

namespace Corral.Templating.Go.Tests;

public sealed class PropertyTests
{
    private static readonly string[] Fragments =
    {
        "{{", "}}", "{{-", "-}}", " ", "\n", ".", ".A", ".B.C", "$", "$x", ":=", "=", "|", "(", ")", "\"s\"", "`r`", "'c'", "1", "-2",
        "3.5", "0x1F", "true", "nil", "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
        "and", "or", "not", "eq", "lt", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "call",
        "json", "toTypeScriptType", "currentDate", "\"%v %d %s\"", ",", "/*", "*/", "text", "\"x\"", "\\", "#", "é", "\"",
    };

    private static readonly object Data = new Dictionary<string, object?>
    {
        ["A"] = 1L, ["B"] = new Dictionary<string, object?> { ["C"] = new List<object?> { "x", 2L, null } }, ["S"] = "str",
        ["L"] = new List<object?> { 1L, 2.5, "three" }, ["N"] = null,
    };

    private static Gen<string> TemplateText() =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(Fragments)).Select(a => string.Concat(a)),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
            Gen.ArrayOf(Gen.Elements(Fragments)).Select(a => "{{" + string.Join(" ", a) + "}}"));

    private static bool OnlyGoExceptions(string text)
    {
        GoTemplate t;
        try
        {
            t = GoTemplate.Parse("p", text, new GoTemplateOptions { Clock = new FixedClock() });
        }
        catch (GoTemplateSyntaxException)
        {
            return true;
        }
        try
        {
            t.Render(Data);
        }
        catch (GoTemplateRenderException)
        {
        }
        return true;
    }

    [Fact]
    public void RandomTemplates_ThrowOnlyTemplateExceptions()
    {
        Prop.ForAll(TemplateText().ToArbitrary(), OnlyGoExceptions).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomActions_ThrowOnlyTemplateExceptions()
    {
        var gen = Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(Fragments), n)).Select(a => "x{{ " + string.Join(" ", a) + " }}y");
        Prop.ForAll(gen.ToArbitrary(), OnlyGoExceptions).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }
}
