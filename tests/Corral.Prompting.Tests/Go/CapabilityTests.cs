using Corral.Prompting.Go;

namespace Corral.Prompting.Tests.Go;

public sealed class CapabilityTests
{
    private static TemplateCapabilities Caps(string source) => OllamaGoTemplate.Parse(source, "test").Capabilities;

    [Fact]
    public void Tools_WhenTemplateReferencesTools()
    {
        Assert.True(Caps("{{ range .Messages }}{{ .Content }}{{ end }}{{ if .Tools }}{{ .Tools }}{{ end }}").Tools);
        Assert.True(Caps("{{ range $.Tools }}x{{ end }}{{ .Prompt }}").Tools);
        Assert.False(Caps("{{ .Prompt }}").Tools);
    }

    [Fact]
    public void Insert_WhenTemplateReferencesSuffix()
    {
        Assert.True(Caps("<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>").Insert);
        Assert.False(Caps("{{ .Prompt }}").Insert);
    }

    [Fact]
    public void Vars_LookIntoDefinedTemplatesButNotChains()
    {
        Assert.True(Caps("{{ define \"t\" }}{{ .Tools }}{{ end }}{{ .Prompt }}").Tools);
        Assert.False(Caps("{{ (.X).Tools }}{{ .Prompt }}").Tools);
    }

    [Fact]
    public void Thinking_InfersTagsFromTextAroundThinkingInRangeMessages()
    {
        var caps = Caps("{{ range .Messages }}{{ if .Thinking }}<think>\n{{ .Thinking }}\n</think>\n{{ end }}{{ .Content }}{{ end }}");
        Assert.True(caps.Thinking);
        Assert.Equal("<think>", caps.ThinkingOpenTag);
        Assert.Equal("</think>", caps.ThinkingCloseTag);
    }

    [Fact]
    public void Thinking_NeedsBothTags()
    {
        var caps = Caps("{{ range .Messages }}{{ if .Thinking }}<think>{{ .Thinking }}{{ end }}{{ end }}");
        Assert.False(caps.Thinking);
        Assert.Null(caps.ThinkingOpenTag);
        Assert.Null(caps.ThinkingCloseTag);
    }

    [Theory]
    [InlineData("{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Prompt }}")]
    [InlineData("{{ range .Tools }}<think>{{ .Thinking }}</think>{{ end }}{{ range .Messages }}{{ end }}")]
    [InlineData("{{ range $.Messages }}<think>{{ .Thinking }}</think>{{ end }}")]
    [InlineData("{{ range .Messages }}<think>{{ $.Thinking }}</think>{{ end }}")]
    public void Thinking_OnlyForFieldInsideRangeOverMessagesField(string source) => Assert.False(Caps(source).Thinking);

    [Fact]
    public void Thinking_LaterMatchOverwritesEarlierTags()
    {
        var caps = Caps("{{ range .Messages }}<a>{{ .Thinking }}</a>{{ end }}{{ range .Messages }}<b>{{ .Thinking }}</b>{{ end }}");
        Assert.Equal("<b>", caps.ThinkingOpenTag);
        Assert.Equal("</b>", caps.ThinkingCloseTag);
    }

    [Fact]
    public void Thinking_TagsFromNestedRangeOverSliceOfMessages()
    {
        var caps = Caps("{{ range $i, $m := slice .Messages 0 }}\n  [R]{{ $m.Content }}{{ .Thinking }}[/R]  \n{{ end }}");
        Assert.Equal("[R]", caps.ThinkingOpenTag);
        Assert.Equal("[/R]", caps.ThinkingCloseTag);
    }
}
