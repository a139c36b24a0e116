namespace Corral.Prompting.Tests.Jinja;

/// <summary>Go and Jinja templates told apart by their text.</summary>
public sealed class TemplateSyntaxDetectorTests
{
    public static TheoryData<string> JinjaTemplates() => new(JinjaGoldens.TemplateNames);

    public static TheoryData<string> GoTemplates() => new(JinjaGoldens.GoTemplates().Select(g => g.Name));

    [Theory]
    [MemberData(nameof(JinjaTemplates))]
    public void VendorJinjaTemplatesAreJinja(string template) =>
        Assert.Equal(TemplateSyntax.Jinja, TemplateSyntaxDetector.Detect(JinjaGoldens.Source(template)));

    [Theory]
    [MemberData(nameof(GoTemplates))]
    public void OllamaGoTemplatesAreGo(string name) =>
        Assert.Equal(TemplateSyntax.Go, TemplateSyntaxDetector.Detect(JinjaGoldens.GoTemplates().First(g => g.Name == name).Template));

    [Theory]
    [InlineData("{{ .Prompt }}", TemplateSyntax.Go)]
    [InlineData("{{ if .System }}<|system|>{{ .System }}{{ end }}{{ .Prompt }}", TemplateSyntax.Go)]
    [InlineData("{{- range $i, $m := .Messages }}{{ $m.Content }}{{ end }}", TemplateSyntax.Go)]
    [InlineData("{{ json .Tools }}", TemplateSyntax.Go)]
    [InlineData("plain text, no actions", TemplateSyntax.Go)]
    [InlineData("", TemplateSyntax.Go)]
    [InlineData("{{ bos_token }}{{ messages[0]['content'] }}", TemplateSyntax.Jinja)]
    [InlineData("{% for message in messages %}{{ message.content }}{% endfor %}", TemplateSyntax.Jinja)]
    [InlineData("{# comment #}hello", TemplateSyntax.Jinja)]
    [InlineData("{{- '<s>' + messages[0].content if loop.first else '' }}", TemplateSyntax.Jinja)]
    public void SmallTemplates(string source, TemplateSyntax expected) => Assert.Equal(expected, TemplateSyntaxDetector.Detect(source));
}
