using System.Text.Json;
using Corral.Api.Models;
using Corral.Prompting.Jinja;
using Corral.Templating.Jinja;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>The context HfJinjaTemplate builds, and its errors.</summary>
public sealed class HfJinjaTemplateTests
{
    private static readonly Message[] UserHi = [new() { Role = "user", Content = "hi" }];

    [Fact]
    public void ParseReportsOriginLineAndColumn()
    {
        var e = Assert.Throws<PromptTemplateException>(() => HfJinjaTemplate.Parse("line one\n{% if x %}\n{{ y }", "GGUF chat template"));
        Assert.True(e.IsSyntaxError);
        Assert.StartsWith("GGUF chat template: template syntax error at line ", e.Message, StringComparison.Ordinal);
        Assert.Contains("column", e.Message, StringComparison.Ordinal);
        Assert.IsType<JinjaSyntaxException>(e.InnerException);
    }

    [Fact]
    public void DescribesItself()
    {
        var t = HfJinjaTemplate.Parse("{{ messages[0].content }}", "origin");
        Assert.Equal(TemplateSyntax.Jinja, t.Syntax);
        Assert.Equal("origin", t.Origin);
        Assert.Equal("{{ messages[0].content }}", t.Source);
    }

    [Fact]
    public void ToolsAreNoneWhenAbsentAndAListWhenGiven()
    {
        var t = HfJinjaTemplate.Parse("{{ tools is none }}|{{ tools | tojson if tools is not none else '' }}|{{ documents is none }}", "t");
        Assert.Equal("True||True", t.Render(new PromptInput { Messages = UserHi }));
        var tool = new Tool
        {
            Function = new ToolFunction
            {
                Name = "f",
                Parameters = JsonDocument.Parse("""{"type":"object","properties":{"z":{},"a":{}}}""").RootElement,
            },
        };
        Assert.Equal(
            """False|[{"type": "function", "function": {"name": "f", "description": "", "parameters": {"type": "object", "properties": {"z": {}, "a": {}}}}}]|True""",
            t.Render(new PromptInput { Messages = UserHi, Tools = [tool] }));
        Assert.Equal("False|[]|True", t.Render(new PromptInput { Messages = UserHi, Tools = [] }));
    }

    [Fact]
    public void PassesSpecialTokensAndGenerationPrompt()
    {
        var t = HfJinjaTemplate.Parse("{{ bos_token }}{{ messages[0].content }}{{ eos_token }}{% if add_generation_prompt %}>{% endif %}", "t");
        var input = new PromptInput { Messages = UserHi, Tokens = new SpecialTokens("<s>", "</s>") };
        Assert.Equal("<s>hi</s>>", t.Render(input));
        Assert.Equal("<s>hi</s>", t.Render(input with { AddGenerationPrompt = false }));
    }

    [Fact]
    public void MapsToolCallsReasoningAndToolResults()
    {
        var t = HfJinjaTemplate.Parse("{% for m in messages %}{{ m | tojson }}\n{% endfor %}", "t");
        var args = JsonDocument.Parse("""{"b":1,"a":"x"}""").RootElement;
        var input = new PromptInput
        {
            Messages =
            [
                new() { Role = "assistant", Content = "", Thinking = "hmm", ToolCalls = [new() { Id = "c1", Function = new() { Name = "f", Arguments = args } }] },
                new() { Role = "assistant", Content = "", ToolCalls = [new() { Function = new() { Name = "g", Arguments = JsonDocument.Parse("\"{\\\"k\\\": 2}\"").RootElement } }] },
                new() { Role = "tool", Content = "42", ToolName = "f", ToolCallId = "c1" },
            ],
        };
        Assert.Equal(
            """
            {"role": "assistant", "content": "", "reasoning_content": "hmm", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": {"b": 1, "a": "x"}}}]}
            {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "g", "arguments": {"k": 2}}}]}
            {"role": "tool", "content": "42", "tool_call_id": "c1", "name": "f"}

            """.ReplaceLineEndings("\n"),
            t.Render(input));
    }

    [Fact]
    public void GptOssSeesThinkingOnToolCallTurns()
    {
        var t = HfJinjaTemplate.Parse("<|channel|>{% for m in messages %}{{ m.thinking }};{% endfor %}", "t");
        var call = new ToolCall { Function = new() { Name = "f" } };
        var input = new PromptInput
        {
            Messages = [new() { Role = "assistant", Content = "a", Thinking = "t1" }, new() { Role = "assistant", Thinking = "t2", ToolCalls = [call] }],
        };
        Assert.Equal("<|channel|>;t2;", t.Render(input));
    }

    [Theory]
    [InlineData(null, null, "undef|undef")]
    [InlineData(true, null, "True|undef")]
    [InlineData(false, null, "False|undef")]
    [InlineData(true, "low", "True|low")]
    [InlineData(true, "max", "True|high")]
    public void ThinkingControlLikeLlamaCpp(bool? enabled, string? level, string expected)
    {
        var t = HfJinjaTemplate.Parse("{{ enable_thinking if enable_thinking is defined else 'undef' }}|{{ reasoning_effort | default('undef') }}", "t");
        var input = new PromptInput { Messages = UserHi, Think = enabled is { } on ? new ThinkSetting(on, level) : null };
        Assert.Equal(expected, t.Render(input));
    }

    [Theory]
    [InlineData(false, null, "no_think")]
    [InlineData(true, null, "high")]
    [InlineData(true, "low", "low")]
    public void HunyuanEffortVocabulary(bool enabled, string? level, string expected)
    {
        var t = HfJinjaTemplate.Parse("{%- if not reasoning_effort is defined %}{%- set reasoning_effort = 'no_think' %}{% endif %}{{ reasoning_effort }}", "t");
        Assert.Equal(expected, t.Render(new PromptInput { Messages = UserHi, Think = new ThinkSetting(enabled, level) }));
    }

    [Fact]
    public void QwenThinkingOffEmitsEmptyThinkBlock()
    {
        var t = HfJinjaTemplate.Parse(JinjaGoldens.Source("Qwen-Qwen3-0.6B"), "qwen3");
        var off = t.Render(new PromptInput { Messages = UserHi, Think = new ThinkSetting(false) });
        Assert.EndsWith("<|im_start|>assistant\n<think>\n\n</think>\n\n", off, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", t.Render(new PromptInput { Messages = UserHi }), StringComparison.Ordinal);
    }

    [Fact]
    public void VariablesWinAndKeepJsonKeyOrder()
    {
        var t = HfJinjaTemplate.Parse("{{ enable_thinking }}|{{ cfg | tojson }}|{{ n + 1 }}|{{ xs | join(',') }}", "t");
        var input = new PromptInput
        {
            Messages = UserHi,
            Think = new ThinkSetting(true),
            Variables = new Dictionary<string, object?>
            {
                ["enable_thinking"] = false,
                ["cfg"] = JsonDocument.Parse("""{"z":1,"a":[true,null]}""").RootElement,
                ["n"] = 41,
                ["xs"] = new[] { "a", "b" },
            },
        };
        Assert.Equal("""False|{"z": 1, "a": [true, null]}|42|a,b""", t.Render(input));
    }

    [Fact]
    public void RaiseExceptionTextComesBackVerbatim()
    {
        var t = HfJinjaTemplate.Parse(JinjaGoldens.Source("google-gemma-2-2b-it"), "gemma2");
        var e = Assert.Throws<PromptTemplateException>(() => t.Render(new PromptInput { Messages = [new() { Role = "system", Content = "s" }, .. UserHi] }));
        Assert.False(e.IsSyntaxError);
        Assert.Equal("gemma2: System role not supported", e.Message);
        Assert.Equal("System role not supported", e.InnerException!.Message);
    }

    [Fact]
    public void OtherRenderErrorsNameTheirPythonType()
    {
        var t = HfJinjaTemplate.Parse("{{ messages[0].content + 1 }}", "t");
        var e = Assert.Throws<PromptTemplateException>(() => t.Render(new PromptInput { Messages = UserHi }));
        Assert.False(e.IsSyntaxError);
        Assert.StartsWith("t: TypeError: ", e.Message, StringComparison.Ordinal);
    }
}
