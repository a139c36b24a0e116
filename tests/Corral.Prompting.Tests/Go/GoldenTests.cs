using Corral.Prompting.Go;

namespace Corral.Prompting.Tests.Go;

/// <summary>Every family template × scenario, byte for byte against Go's text/template running Ollama's Execute.</summary>
public sealed class GoldenTests
{
    public static TheoryData<GoldenCase> Cases() => new(OllamaGoldens.Cases());

    public static TheoryData<GoldenTemplate> Templates() => new(OllamaGoldens.Templates());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_MatchesOllama(GoldenCase c)
    {
        var template = OllamaGoTemplate.Parse(OllamaGoldens.TemplateSource(c.Template), "Modelfile TEMPLATE", OllamaGoldens.Options);
        var input = OllamaGoldens.Scenario(c.Scenario);
        if (c.Error != null)
        {
            var ex = Assert.Throws<PromptTemplateException>(() => template.Render(input));
            Assert.False(ex.IsSyntaxError);
            Assert.Equal("Modelfile TEMPLATE: " + c.Error, ex.Message);
            return;
        }
        Assert.Equal(c.Output, template.Render(input));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Capabilities_MatchOllama(GoldenTemplate t)
    {
        var caps = OllamaGoTemplate.Parse(t.Source, "Modelfile TEMPLATE").Capabilities;
        var expected = t.Capabilities!.Value;
        string open = expected.GetProperty("thinking_open").GetString()!, close = expected.GetProperty("thinking_close").GetString()!;
        bool thinking = open.Length > 0 && close.Length > 0;
        Assert.Equal(expected.GetProperty("tools").GetBoolean(), caps.Tools);
        Assert.Equal(expected.GetProperty("insert").GetBoolean(), caps.Insert);
        Assert.Equal(thinking, caps.Thinking);
        Assert.Equal(thinking ? open : null, caps.ThinkingOpenTag);
        Assert.Equal(thinking ? close : null, caps.ThinkingCloseTag);
    }
}
