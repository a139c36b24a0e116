using Corral.Prompting.Go;
using Corral.Templating.Go;

namespace Corral.Prompting.Tests.Go;

public sealed class ParseTests
{
    [Fact]
    public void SyntaxError_NamesOriginLineAndColumn()
    {
        var ex = Assert.Throws<PromptTemplateException>(() =>
            OllamaGoTemplate.Parse("line one\n{{ .System }}\nbad {{ .Prompt } }}", "Modelfile TEMPLATE"));
        Assert.True(ex.IsSyntaxError);
        Assert.Equal("Modelfile TEMPLATE: template: :3:15: unexpected \"}\" in operand", ex.Message);
        Assert.IsType<GoTemplateSyntaxException>(ex.InnerException);
    }

    [Theory]
        [InlineData("{{ .Prompt }}\n{{ end }}", "template: :2:7: unexpected {{end}}")]
    [InlineData("{{ nosuchfunc .Prompt }}", "template: :1:3: function \"nosuchfunc\" not defined")]
    public void SyntaxErrors_AreWordedLikeGo(string source, string message)
    {
        var ex = Assert.Throws<PromptTemplateException>(() => OllamaGoTemplate.Parse(source, "GGUF chat template"));
        Assert.True(ex.IsSyntaxError);
        Assert.Equal("GGUF chat template: " + message, ex.Message);
    }

    [Fact]
    public void RenderError_IsNotASyntaxError_AndCarriesEngineMessage()
    {
        var t = OllamaGoTemplate.Parse("{{ range .Messages }}{{ .Nope }}{{ end }}", "Modelfile TEMPLATE");
        var ex = Assert.Throws<PromptTemplateException>(() => t.Render(new PromptInput { Messages = [new() { Role = "user", Content = "hi" }] }));
        Assert.False(ex.IsSyntaxError);
        // Go names the static type (*template.templateMessage); the engine's list elements are interface {}.
        Assert.StartsWith("Modelfile TEMPLATE: template: :1:24: executing \"\" at <.Nope>: can't evaluate field Nope in type ", ex.Message);
    }

    [Fact]
    public void Properties_DescribeTheTemplate()
    {
        var t = OllamaGoTemplate.Parse("{{ .Prompt }}", "Modelfile TEMPLATE");
        Assert.Equal(TemplateSyntax.Go, t.Syntax);
        Assert.Equal("Modelfile TEMPLATE", t.Origin);
        Assert.Equal("{{ .Prompt }}", t.Source);
        Assert.False(t.UsesMessages);
        Assert.True(OllamaGoTemplate.Parse("{{ range .Messages }}{{ end }}", "x").UsesMessages);
    }

    [Fact]
    public void TemplateCallWithoutPipeline_IsAccepted()
    {
        // Ollama's Identifiers rejects {{ template "x" }} ("undefined template specified"); Corral renders it.
        var t = OllamaGoTemplate.Parse("{{ define \"x\" }}X{{ end }}{{ template \"x\" }}{{ .Prompt }}", "t");
        Assert.Equal("Xhi", t.Render(new PromptInput { Messages = [new() { Role = "user", Content = "hi" }] }));
    }
}
