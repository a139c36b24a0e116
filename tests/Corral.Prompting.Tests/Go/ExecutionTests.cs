using Corral.Api.Models;
using Corral.Prompting.Go;
using Corral.Templating.Go;

namespace Corral.Prompting.Tests.Go;

public sealed class ExecutionTests
{
    private static Message M(string role, string content) => new() { Role = role, Content = content };

    private static string Render(string source, PromptInput input, GoTemplateOptions? options = null) =>
        OllamaGoTemplate.Parse(source, "t", options).Render(input);

    [Theory]
    [InlineData(null, "false||false")]
    [InlineData(false, "false||true")]
    [InlineData(true, "true|medium|true")]
    public void ThinkValues_FollowOllamasThinkValue(bool? think, string expected)
    {
        var input = new PromptInput { Messages = [M("user", "x")], Think = think is { } b ? new ThinkSetting(b) : null };
        Assert.Equal(expected, Render("{{ .Think }}|{{ .ThinkLevel }}|{{ .IsThinkSet }}{{ range .Messages }}{{ end }}", input));
    }

    [Fact]
    public void ThinkLevel_IsTheRequestedLevel()
    {
        var input = new PromptInput { Messages = [M("user", "x")], Think = new ThinkSetting(true, "max") };
        Assert.Equal("true|max", Render("{{ range .Messages }}{{ end }}{{ .Think }}|{{ .ThinkLevel }}", input));
    }

    [Fact]
    public void Legacy_AppendsResponseWhenTemplateHasNeither()
    {
        var input = new PromptInput { Messages = [M("user", "a"), M("assistant", "b"), M("user", "c")] };
        Assert.Equal("Q:a A:bQ:c A:", Render("Q:{{ .Prompt }} A:", input));
    }

    [Fact]
    public void Legacy_FinalTurnIsCutAfterFirstResponse()
    {
        var input = new PromptInput { Messages = [M("user", "a"), M("assistant", "prefill")] };
        Assert.Equal("[a]prefill", Render("[{{ .Prompt }}]{{ .Response }}<end>{{ .Prompt }}", input));
    }

    [Fact]
    public void Legacy_CutInsideIfBranchDropsElseBranchInsteadOfPanicking()
    {
        // Ollama's deleteNode panics here (nil ElseList type assertion); Corral drops the else branch.
        var input = new PromptInput { Messages = [M("user", "a")] };
        Assert.Equal("a:", Render("{{ .Prompt }}:{{ if .Prompt }}{{ .Response }}</s>{{ else }}none{{ end }}tail", input));
    }

    [Fact]
    public void Legacy_CutTemplateStillHasOllamaFunctions()
    {
        // Ollama runs the cut tree without its FuncMap ("json" is not a defined function); Corral keeps them.
        var options = new GoTemplateOptions { Clock = new FixedClock(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)) };
        Assert.Equal("2025-01-02 hi", Render("{{ currentDate }} {{ .Prompt }}", new PromptInput { Messages = [M("user", "hi")] }, options));
    }

    [Fact]
    public void Fim_UsesLastUserMessageAsPrompt()
    {
        var input = new PromptInput { Messages = [M("system", "s"), M("user", "def f(")], Suffix = "return 1" };
        Assert.Equal("<PRE> def f( <SUF>return 1 <MID>", Render("<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>", input));
    }

    [Fact]
    public void Messages_ToolsAbsentPrintsNullAndEmptyPrintsEmptyArray()
    {
        const string t = "{{ range .Messages }}{{ end }}{{ .Tools }}";
        Assert.Equal("null", Render(t, new PromptInput()));
        Assert.Equal("[]", Render(t, new PromptInput { Tools = [] }));
    }

    [Fact]
    public void Messages_MissingKeysPrintNoValue()
    {
        Assert.Equal("<no value>", Render("{{ range .Messages }}{{ end }}{{ .Prompt }}", new PromptInput { Messages = [M("user", "x")] }));
    }

    [Fact]
    public void Render_IsRepeatableAndDoesNotMutateInput()
    {
        var input = new PromptInput { Messages = [M("user", "a"), M("user", "b")] };
        var t = OllamaGoTemplate.Parse("{{ range .Messages }}[{{ .Content }}]{{ end }}", "t");
        Assert.Equal("[a\n\nb]", t.Render(input));
        Assert.Equal("[a\n\nb]", t.Render(input));
        Assert.Equal("a", input.Messages[0].Content);
    }
}
