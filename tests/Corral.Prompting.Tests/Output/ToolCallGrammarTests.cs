using System.Text.Json;
using Corral.Api.Models;
using Corral.Prompting.Output;
using Corral.Prompting.Output.Forcing;
using Corral.Prompting.Output.ToolCallFormats;
using Corral.Prompting.Tests.Structured;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

/// <summary>The grammar that forces one tool call accepts exactly the calls the family's parser reads back, with
/// arguments that match the tool's schema; other tools, other arguments and free text are rejected.</summary>
public sealed class ToolCallGrammarTests
{
    private static readonly Tool[] Tools =
    [
        Tool("get_weather", """{"type":"object","properties":{"city":{"type":"string"},"unit":{"enum":["celsius","fahrenheit"]}},"required":["city","unit"]}"""),
        Tool("get_time", """{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}"""),
    ];

    private const string Weather = """{"city": "Paris", "unit": "celsius"}""";

    public static TheoryData<string, string> Families => new()
    {
        { "hermes", "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": " + Weather + "}\n</tool_call>" },
        { "llama3", "{\"name\": \"get_weather\", \"parameters\": " + Weather + "}" },
        { "mistral", "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": " + Weather + "}]" },
        { "granite", "<|tool_call|>[{\"name\": \"get_weather\", \"arguments\": " + Weather + "}]" },
        { "json", "{\"name\": \"get_weather\", \"arguments\": " + Weather + "}" },
        { "mistral-args", "[TOOL_CALLS]get_weather[ARGS]" + Weather },
        { "deepseek", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>" + Weather + "<｜tool▁call▁end｜><｜tool▁calls▁end｜>" },
        { "kimi", "<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>" + Weather + "<|tool_call_end|><|tool_calls_section_end|>" },
        { "functionary", "<function=get_weather>" + Weather + "</function>" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void ForcedCall_IsAcceptedByTheGrammar_AndParsedBackAsTheCall(string family, string text)
    {
        var format = Format(family);
        foreach (var name in new[] { null, "get_weather" })
        {
            var grammar = GbnfGrammar.Parse(ToolCallGrammar.Build(format, new ForcedToolCall(Tools, name)));
            Assert.True(GbnfMatcher.Accepts(grammar, text), $"{family}: grammar rejects {text}");
        }

        var outcome = Run(Parser(format), [text]);
        Assert.Equal("", outcome.Content);
        Assert.Equal("", outcome.Failures);
        Assert.Equal("get_weather" + JsonSerializer.Serialize(JsonDocument.Parse(Weather).RootElement) + ";", outcome.Calls);
    }

    [Fact]
    public void NamedChoice_RejectsOtherTools_AnyChoice_AcceptsEach()
    {
        var call = """<tool_call>{"name": "get_time", "arguments": {"zone": "UTC"}}</tool_call>""";
        var named = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall(Tools, "get_weather")));
        var any = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall(Tools, null)));
        Assert.False(GbnfMatcher.Accepts(named, call));
        Assert.True(GbnfMatcher.Accepts(any, call));
    }

    [Theory]
    [InlineData("""<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>""")]
    [InlineData("""<tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "kelvin"}}</tool_call>""")]
    [InlineData("""<tool_call>{"name": "get_time", "arguments": {"city": "Paris", "unit": "celsius"}}</tool_call>""")]
    [InlineData("""Sure! <tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}</tool_call>""")]
    [InlineData("""<tool_call>{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}</tool_call><tool_call>{"name": "get_time", "arguments": {"zone": "UTC"}}</tool_call>""")]
    public void ArgumentsOutsideTheSchema_TextAndSecondCalls_AreRejected(string text)
    {
        var grammar = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall(Tools, null)));
        Assert.False(GbnfMatcher.Accepts(grammar, text));
    }

    [Theory]
    [InlineData(false, "<think>I should call it.</think>\n")]
    [InlineData(false, "")]
    [InlineData(true, "I should call it.</think>\n")]
    public void Reasoning_MayComeFirst_AndClosesWhenThePromptOpenedIt(bool promptOpens, string prefix)
    {
        var forced = new ForcedToolCall(Tools, "get_weather", new ThinkingMarkers("<think>", "</think>", promptOpens));
        var grammar = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, forced));
        var call = "<tool_call>{\"name\": \"get_weather\", \"arguments\": " + Weather + "}</tool_call>";
        Assert.True(GbnfMatcher.Accepts(grammar, prefix + call));
        if (promptOpens)
        {
            Assert.False(GbnfMatcher.Accepts(grammar, call));
        }
    }

    [Fact]
    public void ToolWithoutParameters_TakesAnEmptyObject()
    {
        var grammar = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall([new Tool { Function = new ToolFunction { Name = "ping" } }], "ping")));
        Assert.True(GbnfMatcher.Accepts(grammar, """<tool_call>{"name": "ping", "arguments": {}}</tool_call>"""));
    }

    [Fact]
    public void SchemaRuleNames_DoNotCollideAcrossTools()
    {
        Tool[] tools =
        [
            Tool("a", """{"type":"object","properties":{"x":{"type":"integer","minimum":1,"maximum":3}},"required":["x"]}"""),
            Tool("b", """{"type":"object","properties":{"x":{"type":"integer","minimum":7,"maximum":9}},"required":["x"]}"""),
        ];
        var grammar = GbnfGrammar.Parse(ToolCallGrammar.Build(ToolCallFormatDetector.GenericJson, new ForcedToolCall(tools, null)));
        Assert.True(GbnfMatcher.Accepts(grammar, """{"name": "a", "arguments": {"x": 2}}"""));
        Assert.True(GbnfMatcher.Accepts(grammar, """{"name": "b", "arguments": {"x": 8}}"""));
        Assert.False(GbnfMatcher.Accepts(grammar, """{"name": "a", "arguments": {"x": 8}}"""));
    }

    [Theory]
    [InlineData("qwen-xml")]
    [InlineData("glm")]
    public void NonJsonFamilies_AreRefusedWithTheReason(string family)
    {
        var e = Assert.Throws<ToolChoiceNotEnforceableException>(() => ToolCallGrammar.Build(Format(family), new ForcedToolCall(Tools, null)));
        Assert.Contains(family, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTool_NoTools_AndNonObjectParameters_AreRefused()
    {
        Assert.Contains("not one of", Assert.Throws<ToolChoiceNotEnforceableException>(
            () => ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall(Tools, "nope"))).Message, StringComparison.Ordinal);
        Assert.Throws<ToolChoiceNotEnforceableException>(() => ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall([], null)));
        Assert.Throws<ToolChoiceNotEnforceableException>(
            () => ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall([Tool("s", """{"type":"string"}""")], null)));
        Assert.Contains("cannot be enforced", Assert.Throws<ToolChoiceNotEnforceableException>(
            () => ToolCallGrammar.Build(ToolCallFormatDetector.Hermes, new ForcedToolCall([Tool("p", """{"type":"object","properties":{"s":{"type":"string","pattern":"(?=x)"}}}""")], null))).Message,
            StringComparison.Ordinal);
    }

    private static ToolCallFormat Format(string family) => family switch
    {
        "hermes" => ToolCallFormatDetector.Hermes,
        "llama3" => ToolCallFormatDetector.Llama3,
        "mistral" => ToolCallFormatDetector.MistralJson,
        "granite" => ToolCallFormatDetector.Granite,
        "json" => ToolCallFormatDetector.GenericJson,
        "mistral-args" => ToolCallFormatDetector.MistralArgs,
        "deepseek" => ToolCallFormatDetector.DeepSeek,
        "kimi" => ToolCallFormatDetector.Kimi,
        "functionary" => ToolCallFormatDetector.Functionary,
        "qwen-xml" => ToolCallFormatDetector.QwenXml,
        "glm" => ToolCallFormatDetector.Glm,
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    private static Tool Tool(string name, string parameters) =>
        new() { Function = new ToolFunction { Name = name, Parameters = JsonDocument.Parse(parameters).RootElement.Clone() } };
}
