using Corral.Prompting.Output;
using Corral.Prompting.Output.ToolCallFormats;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

/// <summary>A call that does not parse is never dropped: its raw text comes back as content with a failure reason.</summary>
public sealed class MalformedCallTests
{
    [Theory]
    [InlineData("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Paris\"}\n</tool_call>")] // missing brace
    [InlineData("<tool_call>\n{\"name\": get_weather, \"arguments\": {}}\n</tool_call>")]                         // invalid JSON
    [InlineData("<tool_call>\n{\"arguments\": {\"location\": \"Paris\"}}\n</tool_call>")]                          // no name
    [InlineData("<tool_call>\nget_weather(location=\"Paris\")\n</tool_call>")]                                      // not JSON
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": \"not json\"}\n</tool_call>")]                       // bad string args
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": [1, 2]}\n</tool_call>")]                             // args not an object
    [InlineData("<tool_call>\n{\"name\": \"get_weather\", \"argu")]                                                 // cut off
    public void Hermes_failures_come_back_as_raw_content(string text)
    {
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Hermes), text);
        Assert.Equal(text, o.Content);
        Assert.Equal("", o.Calls);
        Assert.Equal("fail;", o.Failures);
    }

    [Fact]
    public void Good_call_after_a_bad_one_still_parses()
    {
        const string bad = "<tool_call>{\"name\": oops}</tool_call>";
        const string good = "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>";
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.Hermes), bad + good);
        Assert.Equal(bad, o.Content);
        Assert.Equal("f{};", o.Calls);
        Assert.Equal("fail;", o.Failures);
    }

    [Theory]
    [InlineData("[TOOL_CALLS]get_weather[ARGS]{\"location\": \"Paris\"")]
    [InlineData("[TOOL_CALLS]get_weather[ARGS]{\"location\": Paris}")]
    public void Mistral_args_failures_come_back_as_raw_content(string text)
    {
        var o = AssertSplitInvariant(Parser(ToolCallFormatDetector.MistralArgs), text);
        Assert.Equal(text, o.Content);
        Assert.Equal("fail;", o.Failures);
    }

    [Fact]
    public void Failure_reason_is_readable()
    {
        var p = new ToolCallParser(ToolCallFormatDetector.Hermes);
        var r = p.Push("<tool_call>{\"name\": \"f\", \"arguments\": [1]}</tool_call>");
        Assert.Contains("must be a JSON object", r.ParseFailure);
        Assert.Equal("<tool_call>{\"name\": \"f\", \"arguments\": [1]}</tool_call>", r.Content);
    }

    [Fact]
    public void Text_before_a_call_streams_immediately_and_partial_triggers_are_held()
    {
        var p = new ToolCallParser(ToolCallFormatDetector.Hermes, () => "call_test0001");
        Assert.Equal("Checking", p.Push("Checking").Content);
        Assert.Equal(" now", p.Push(" now<tool_").Content);
        Assert.Equal("", p.Push("call>{\"name\": \"f\", ").Content);
        var done = p.Push("\"arguments\": {}}</tool_call>");
        var call = Assert.Single(done.ToolCalls);
        Assert.Equal("call_test0001", call.Id);
        Assert.Equal(0, call.Function.Index);
        Assert.Null(p.Flush().ParseFailure);
    }

    [Fact]
    public void Generated_ids_have_ollamas_shape()
    {
        for (int i = 0; i < 50; i++) Assert.Matches("^call_[a-z0-9]{8}$", ToolCallIds.New());
    }
}
