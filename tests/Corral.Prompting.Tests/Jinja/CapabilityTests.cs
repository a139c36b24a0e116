using Corral.Prompting.Jinja;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>Capabilities of every vendor template, and Ollama's rules on the well-known ones.</summary>
public sealed class CapabilityTests
{
    public static TheoryData<string> Templates() => new(JinjaGoldens.TemplateNames);

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryVendorTemplateHasTheExpectedCapabilities(string template)
    {
        var expected = CapabilityTable.All[template];
        var caps = HfJinjaTemplate.Parse(JinjaGoldens.Source(template), template).Capabilities;
        Assert.Equal(expected, new CapabilityTable.Expected(caps.Tools, caps.Thinking, caps.ThinkingOpenTag, caps.ThinkingCloseTag));
        Assert.False(caps.Insert);
    }

    [Fact]
    public void TheTableCoversAll65Templates()
    {
        Assert.Equal(65, JinjaGoldens.TemplateNames.Count());
        Assert.Equal(CapabilityTable.All.Keys.Order(StringComparer.Ordinal), JinjaGoldens.TemplateNames);
    }

    [Theory]
    [InlineData("Qwen-Qwen3-0.6B")]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B")]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Llama-8B")]
    [InlineData("Qwen-QwQ-32B")]
    [InlineData("Kimi-K2-Thinking")]
    public void ThinkTagTemplatesThink(string template)
    {
        var caps = Detect(template);
        Assert.True(caps.Thinking);
        Assert.Equal("<think>", caps.ThinkingOpenTag);
        Assert.Equal("</think>", caps.ThinkingCloseTag);
    }

    [Theory]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct")]
    [InlineData("NousResearch-Hermes-3-Llama-3.1-8B-tool_use")]
    [InlineData("NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407")]
    [InlineData("Mistral-Small-3.2-24B-Instruct-2506")]
    [InlineData("Qwen-Qwen2.5-7B-Instruct")]
    public void ToolTemplatesWithoutReasoning(string template)
    {
        var caps = Detect(template);
        Assert.True(caps.Tools);
        Assert.False(caps.Thinking);
        Assert.Null(caps.ThinkingOpenTag);
    }

    [Theory]
    [InlineData("microsoft-Phi-3.5-mini-instruct")]
    [InlineData("google-gemma-2-2b-it")]
    public void PlainTemplatesHaveNeither(string template) => Assert.Equal(TemplateCapabilities.None, Detect(template));

    [Theory]
    [InlineData("openai-gpt-oss-120b", "<|channel|>analysis<|message|>", "<|end|>")]
    [InlineData("ByteDance-Seed-OSS", "<seed:think>", "</seed:think>")]
    [InlineData("mistralai-Ministral-3-14B-Reasoning-2512", "[THINK]", "[/THINK]")]
    [InlineData("CohereForAI-c4ai-command-r7b-12-2024-tool_use", "<|START_THINKING|>", "<|END_THINKING|>")]
    [InlineData("google-gemma-4-31B-it", "<|channel>thought", "<channel|>")]
    [InlineData("MiniMax-M3", "<mm:think>", "</mm:think>")]
    public void OtherReasoningMarkers(string template, string open, string close)
    {
        var caps = Detect(template);
        Assert.True(caps.Thinking);
        Assert.Equal((open, close), (caps.ThinkingOpenTag, caps.ThinkingCloseTag));
    }

    [Theory]
    [InlineData("{{ messages[0].content }}", false, false)]
    [InlineData("{% for tool in tools %}{{ tool }}{% endfor %}", true, false)]
    [InlineData("{{ message.tool_calls }}", true, false)]
    [InlineData("<think>{{ x }}</think>", false, true)]
    [InlineData("<think>only the opener", false, false)]
    [InlineData("{{ m.reasoning_content }}", false, true)]
    [InlineData("{% if enable_thinking %}x{% endif %}", false, true)]
    public void OllamaRulesOnText(string source, bool tools, bool thinking)
    {
        var caps = JinjaCapabilityDetector.Detect(source);
        Assert.Equal((tools, thinking), (caps.Tools, caps.Thinking));
    }

    private static TemplateCapabilities Detect(string template) => JinjaCapabilityDetector.Detect(JinjaGoldens.Source(template));
}
