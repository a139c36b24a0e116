using Corral.Prompting.Output;
using Corral.Prompting.Tests.Jinja;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

public sealed class HarmonyParserTests
{
    private static readonly Func<OutputParser> Make = () => new OutputParser(new HarmonyParser());

    [Fact]
    public void Analysis_then_final()
    {
        const string text = "<|channel|>analysis<|message|>User asks 2+2. Simple.<|end|><|start|>assistant<|channel|>final<|message|>2 + 2 = 4.<|return|>";
        var o = AssertSplitInvariant(Make, text);
        Assert.Equal("User asks 2+2. Simple.", o.Thinking);
        Assert.Equal("2 + 2 = 4.", o.Content);
    }

    [Theory]
    [InlineData("<|channel|>analysis<|message|>Need weather.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{\"location\":\"Paris, France\",\"unit\":\"celsius\"}<|call|>")]
    [InlineData("<|channel|>analysis<|message|>Need weather.<|end|><|start|>assistant to=functions.get_weather<|channel|>commentary json<|message|>{\"location\":\"Paris, France\",\"unit\":\"celsius\"}")]
    public void Tool_call_on_commentary_channel(string text)
    {
        var o = AssertSplitInvariant(Make, text);
        Assert.Equal("Need weather.", o.Thinking);
        Assert.Equal("", o.Content);
        Assert.Equal("get_weather{\"location\":\"Paris, France\",\"unit\":\"celsius\"};", o.Calls);
    }

    [Fact]
    public void Broken_call_is_content_with_failure()
    {
        const string text = "<|channel|>commentary to=functions.f <|constrain|>json<|message|>{\"a\":<|call|>";
        var o = AssertSplitInvariant(Make, text);
        Assert.Equal(text, o.Content);
        Assert.Equal("fail;", o.Failures);
    }

    [Fact]
    public void Plain_text_is_content() =>
        Assert.Equal("Hello there", AssertSplitInvariant(Make, "Hello there").Content);

    [Fact]
    public void Gpt_oss_template_gets_the_harmony_parser()
    {
        var t = PromptTemplates.Parse(JinjaGoldens.Source("openai-gpt-oss-120b"), "gpt-oss");
        var parser = OutputParser.Create(t, "", toolsRequested: true);
        var d = parser.Push("<|channel|>analysis<|message|>hi<|end|>");
        Assert.Equal("hi", d.Thinking);
    }
}
