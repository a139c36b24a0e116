using Corral.Api.Models;
using Corral.Prompting.Output;
using Corral.Prompting.Output.ToolCallFormats;
using Corral.Prompting.Tests.Jinja;

namespace Corral.Prompting.Tests.Output;

/// <summary>Formats picked from the real vendor templates, and the whole pipeline built from a rendered prompt.</summary>
public sealed class DetectionTests
{
    [Theory]
    [InlineData("Qwen-Qwen2.5-7B-Instruct", "hermes")]
    [InlineData("Qwen-Qwen3-0.6B", "hermes")]
    [InlineData("Qwen-QwQ-32B", "hermes")]
    [InlineData("NousResearch-Hermes-3-Llama-3.1-8B-tool_use", "hermes")]
    [InlineData("NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use", "hermes")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct", "llama3")]
    [InlineData("meta-llama-Llama-3.3-70B-Instruct", "llama3")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407", "mistral")]
    [InlineData("unsloth-mistral-Devstral-Small-2507", "mistral-args")]
    [InlineData("deepseek-ai-DeepSeek-V3.1", "deepseek")]
    [InlineData("ibm-granite-granite-3.3-2B-Instruct", "granite")]
    [InlineData("meetkai-functionary-medium-v3.1", "functionary")]
    [InlineData("Qwen3-Coder", "qwen-xml")]
    [InlineData("Qwen3.5-4B", "qwen-xml")]
    [InlineData("moonshotai-Kimi-K2", "kimi")]
    [InlineData("GLM-4.6", "glm")]
    [InlineData("GLM-4.7-Flash", "glm")]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", "deepseek")]
    public void Vendor_templates_pick_their_format(string template, string expected)
    {
        var t = PromptTemplates.Parse(JinjaGoldens.Source(template), template);
        Assert.Equal(expected, ToolCallFormat.Detect(t)?.Name);
    }

    [Fact]
    public void Template_without_tools_has_no_format() =>
        Assert.Null(ToolCallFormatDetector.Detect("{% for m in messages %}{{ m.content }}{% endfor %}", TemplateSyntax.Jinja, false));

    [Fact]
    public void Tools_without_known_marker_use_generic_json() =>
        Assert.Equal("json", ToolCallFormatDetector.Detect("{{ tools | tojson }}", TemplateSyntax.Jinja, true)?.Name);

    [Theory]
    [InlineData("{{- if .ToolCalls }}\n<functioncall> {{ range .ToolCalls }}", "<functioncall>")]
    [InlineData("{{ if .ToolCalls }}[{{ range .ToolCalls }}", "[")]
    [InlineData("{{ .ToolCalls }}", null)]
    public void Go_trigger_is_first_literal_after_if_ToolCalls(string source, string? trigger) =>
        Assert.Equal(trigger, ToolCallFormatDetector.GoTrigger(source));

    private const string Hermes = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris\"}}\n</tool_call>";
    private const string DeepSeek = "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"location\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>";

    [Theory]
    [InlineData("Qwen-QwQ-32B", true, Hermes)]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", true, DeepSeek)]
    [InlineData("Qwen-Qwen3-0.6B", false, Hermes)]
    public void Rendered_prompt_decides_where_output_starts(string template, bool inside, string call)
    {
        var t = PromptTemplates.Parse(JinjaGoldens.Source(template), template);
        var input = new PromptInput
        {
            Messages = [new Message { Role = "user", Content = "What is the weather in Paris?" }],
            Tools = [new Tool { Function = new ToolFunction { Name = "get_weather" } }],
            Think = new ThinkSetting(true),
        };
        string prompt = t.Render(input);
        var parser = OutputParser.Create(t, prompt, toolsRequested: true);
        Assert.NotNull(parser.Thinking);
        Assert.Equal(inside, parser.Thinking!.InThinking);
        string output = (inside ? "" : "<think>\n") + "Paris weather needed.\n</think>\n\n" + call;
        var deltas = output.Select(c => parser.Push(c.ToString())).Append(parser.Flush()).ToList();
        Assert.Equal("Paris weather needed.", string.Concat(deltas.Select(d => d.Thinking)));
        Assert.Equal("", string.Concat(deltas.Select(d => d.Content)));
        Assert.Equal("get_weather", Assert.Single(deltas.SelectMany(d => d.ToolCalls)).Function.Name);
    }

    [Fact]
    public void Without_tools_requested_a_json_reply_is_content()
    {
        var t = PromptTemplates.Parse(JinjaGoldens.Source("meta-llama-Llama-3.1-8B-Instruct"), "llama");
        var parser = OutputParser.Create(t, "", toolsRequested: false);
        Assert.Null(parser.Tools);
        Assert.Equal("{\"name\": \"x\", \"parameters\": {}}", parser.Push("{\"name\": \"x\", \"parameters\": {}}").Content);
    }
}
