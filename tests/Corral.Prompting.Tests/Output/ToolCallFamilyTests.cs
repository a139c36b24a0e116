using Corral.Prompting.Output.ToolCallFormats;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

/// <summary>Recorded-style outputs of each family, fed whole, split at every boundary and one character at a time.</summary>
public sealed class ToolCallFamilyTests
{
    private const string Weather = "get_weather{\"location\":\"Paris, France\",\"unit\":\"celsius\"};";

    [Fact]
    public void Qwen3_reasoning_then_hermes_call()
    {
        const string text = "<think>\nThe user wants the weather in Paris. I should call get_weather.\n</think>\n\n" +
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris, France\", \"unit\": \"celsius\"}}\n</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Hermes, "<think>", "</think>"), text);
        Assert.Equal("The user wants the weather in Paris. I should call get_weather.", o.Thinking);
        Assert.Equal("", o.Content);
        Assert.Equal(Weather, o.Calls);
        Assert.Equal("", o.Failures);
    }

    [Fact]
    public void Qwen25_text_then_two_parallel_calls()
    {
        const string text = "Let me check both cities.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris, France\", \"unit\": \"celsius\"}}\n</tool_call>\n" +
            "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"Asia/Tokyo\"}}\n</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Hermes), text);
        Assert.Equal("Let me check both cities.\n", o.Content);
        Assert.Equal(Weather + "get_time{\"tz\":\"Asia/Tokyo\"};", o.Calls);
    }

    [Fact]
    public void Hermes3_arguments_first_and_string_arguments_are_parsed()
    {
        const string text = "<tool_call>\n{\"arguments\": {\"symbol\": \"TSLA\"}, \"name\": \"get_stock_fundamentals\"}\n</tool_call>\n" +
            "<tool_call>\n{\"name\": \"get_stock_price\", \"arguments\": \"{\\\"symbol\\\": \\\"TSLA\\\"}\"}\n</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Hermes), text);
        Assert.Equal("get_stock_fundamentals{\"symbol\":\"TSLA\"};get_stock_price{\"symbol\":\"TSLA\"};", o.Calls);
        Assert.Equal("", o.Content);
    }

    [Theory]
    [InlineData("{\"name\": \"get_current_conditions\", \"parameters\": {\"location\": \"San Francisco, CA\", \"unit\": \"Fahrenheit\"}}")]
    [InlineData("<|python_tag|>{\"name\": \"get_current_conditions\", \"parameters\": {\"location\": \"San Francisco, CA\", \"unit\": \"Fahrenheit\"}}")]
    [InlineData("\n\n{\"type\": \"function\", \"name\": \"get_current_conditions\", \"parameters\": {\"location\": \"San Francisco, CA\", \"unit\": \"Fahrenheit\"}}")]
    public void Llama31_bare_json_and_python_tag(string text)
    {
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Llama3), text);
        Assert.Equal("get_current_conditions{\"location\":\"San Francisco, CA\",\"unit\":\"Fahrenheit\"};", o.Calls);
        Assert.Equal("", o.Content);
        Assert.Equal("", o.Failures);
    }

    [Fact]
    public void Llama32_semicolon_separated_calls()
    {
        const string text = "{\"name\": \"a\", \"parameters\": {\"x\": 1}}; {\"name\": \"b\", \"parameters\": {}}";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Llama3), text);
        Assert.Equal("a{\"x\":1};b{};", o.Calls);
    }

    [Theory]
    [InlineData("{\"answer\": 42, \"unit\": \"m\"}")]
    [InlineData("{ this is not json } but prose")]
    [InlineData("The JSON is {\"name\": \"x\", \"parameters\": {}}")]
    public void Llama_json_that_is_not_a_call_stays_content_without_failure(string text)
    {
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Llama3), text);
        Assert.Equal(text, o.Content);
        Assert.Equal("", o.Calls);
        Assert.Equal("", o.Failures);
    }

    [Fact]
    public void Mistral_nemo_json_array_keeps_the_models_own_id()
    {
        const string text = "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris, France\", \"unit\": \"celsius\"}, \"id\": \"a1B2c3D4e\"}]";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.MistralJson), text);
        Assert.Equal(Weather, o.Calls);
        var parser = new Corral.Prompting.Output.ToolCallParser(ToolCallFormatDetector.MistralJson);
        var call = parser.Push(text).ToolCalls.Concat(parser.Flush().ToolCalls).Single();
        Assert.Equal("a1B2c3D4e", call.Id);
    }

    [Fact]
    public void Mistral_args_format_with_two_calls()
    {
        const string text = "[TOOL_CALLS]get_weather[ARGS]{\"location\": \"Paris, France\", \"unit\": \"celsius\"}[TOOL_CALLS]get_time[ARGS]{\"tz\": \"Asia/Tokyo\"}";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.MistralArgs), text);
        Assert.Equal(Weather + "get_time{\"tz\":\"Asia/Tokyo\"};", o.Calls);
        Assert.Equal("", o.Content);
    }

    [Fact]
    public void DeepSeek_v31_calls_inside_group_markers()
    {
        const string text = "I'll look both up.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"location\": \"Paris, France\", \"unit\": \"celsius\"}<｜tool▁call▁end｜>" +
            "<｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{\"tz\": \"Asia/Tokyo\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.DeepSeek), text);
        Assert.Equal("I'll look both up.", o.Content);
        Assert.Equal(Weather + "get_time{\"tz\":\"Asia/Tokyo\"};", o.Calls);
    }

    [Fact]
    public void DeepSeek_v3_fenced_json()
    {
        const string text = "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"location\": \"Paris, France\", \"unit\": \"celsius\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.DeepSeek), text);
        Assert.Equal(Weather, o.Calls);
        Assert.Equal("", o.Content);
    }

    [Fact]
    public void Granite_tool_call_list()
    {
        const string text = "<|tool_call|>[{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris, France\", \"unit\": \"celsius\"}}, {\"name\": \"get_time\", \"arguments\": {\"tz\": \"Asia/Tokyo\"}}]";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Granite), text);
        Assert.Equal(Weather + "get_time{\"tz\":\"Asia/Tokyo\"};", o.Calls);
    }

    [Fact]
    public void Functionary_v31_function_tags()
    {
        const string text = "<function=get_weather>{\"location\": \"Paris, France\", \"unit\": \"celsius\"}</function>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Functionary), text);
        Assert.Equal(Weather, o.Calls);
        Assert.Equal("", o.Content);
    }

    [Fact]
    public void Qwen3_coder_xml_parameters()
    {
        const string text = "I'll check.\n<tool_call>\n<function=get_weather>\n<parameter=location>\nParis, France\n</parameter>\n<parameter=days>\n3\n</parameter>\n" +
            "<parameter=opts>\n{\"metric\": true}\n</parameter>\n</function>\n</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.QwenXml), text);
        Assert.Equal("I'll check.\n", o.Content);
        Assert.Equal("get_weather{\"location\":\"Paris, France\",\"days\":3,\"opts\":{\"metric\":true}};", o.Calls);
    }

    [Fact]
    public void Generic_go_trigger_from_template()
    {
        var format = ToolCallFormatDetector.Detect("{{ if .Tools }}tools{{ end }}{{ if .ToolCalls }}<functioncall>{{ range .ToolCalls }}{{ json . }}{{ end }}{{ end }}", TemplateSyntax.Go, true)!;
        var o = AssertSplitInvariant(() => new Corral.Prompting.Output.OutputParser(null, new Corral.Prompting.Output.ToolCallParser(format)),
            "Sure. <functioncall> {\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris, France\", \"unit\": \"celsius\"}} </functioncall>");
        Assert.Equal("Sure. ", o.Content);
        Assert.Equal(Weather, o.Calls);
    }

    [Fact]
    public void Kimi_k2_section_with_indexed_names()
    {
        const string text = "Checking.<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{\"location\": \"Paris, France\", \"unit\": \"celsius\"}<|tool_call_end|>" +
            "<|tool_call_begin|>functions.get_time:1<|tool_call_argument_begin|>{\"tz\": \"Asia/Tokyo\"}<|tool_call_end|><|tool_calls_section_end|>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Kimi), text);
        Assert.Equal("Checking.", o.Content);
        Assert.Equal(Weather + "get_time{\"tz\":\"Asia/Tokyo\"};", o.Calls);
    }

    [Fact]
    public void Glm_arg_key_value_pairs()
    {
        const string text = "<think>Need weather.</think>\n<tool_call>get_weather\n<arg_key>location</arg_key>\n<arg_value>Paris, France</arg_value>\n<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Glm, "<think>", "</think>"), text);
        Assert.Equal("Need weather.", o.Thinking);
        Assert.Equal("get_weather{\"location\":\"Paris, France\",\"days\":3};", o.Calls);
        Assert.Equal("", o.Content);
    }
}
