using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

/// <summary><c>tool_choice</c> on Chat Completions and Responses: <c>required</c> and a named function become the
/// native request's required call (enforced by grammar in Core); <c>none</c> withholds the tools.</summary>
public sealed class ToolChoiceMapperTests
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},{"type":"function","function":{"name":"get_time"}}]""";
    private const string ResponsesTools = """[{"type":"function","name":"get_weather","parameters":{"type":"object"}},{"type":"function","name":"get_time"}]""";

    private static ChatRequest Chat(string choice, string tools = Tools, string extra = "", bool lenient = false) =>
        ChatRequestMapper.Map(JsonSerializer.Deserialize(
            $$"""{"model":"m","messages":[{"role":"user","content":"x"}],"tools":{{tools}},"tool_choice":{{choice}}{{extra}}}""",
            OpenAIJsonContext.Default.ChatCompletionRequest)!, new ParamPolicy(lenient)).Native;

    private static MappedResponsesRequest Responses(string choice, string extra = "") =>
        ResponsesRequestMapper.Map(JsonSerializer.Deserialize(
            $$"""{"model":"m","input":"x","tools":{{ResponsesTools}},"tool_choice":{{choice}}{{extra}}}""",
            OpenAIJsonContext.Wire.ResponsesRequest)!, new ParamPolicy(false));

    [Fact]
    public void Required_RequiresAnyTool()
    {
        var r = Chat("\"required\"");
        Assert.Equal(2, r.Tools!.Length);
        Assert.NotNull(r.RequireToolCall);
        Assert.Null(r.RequireToolCall!.Name);
    }

    [Fact]
    public void NamedFunction_RequiresThatTool()
    {
        var r = Chat("""{"type":"function","function":{"name":"get_time"}}""");
        Assert.Equal(2, r.Tools!.Length);
        Assert.Equal("get_time", r.RequireToolCall!.Name);
    }

    [Theory]
    [InlineData("\"auto\"")]
    [InlineData("null")]
    public void Auto_RequiresNothing(string choice)
    {
        var r = Chat(choice);
        Assert.Equal(2, r.Tools!.Length);
        Assert.Null(r.RequireToolCall);
    }

    [Fact]
    public void None_WithholdsTheTools()
    {
        var r = Chat("\"none\"");
        Assert.Null(r.Tools);
        Assert.Null(r.RequireToolCall);
    }

    [Theory]
    [InlineData("""{"type":"function","function":{"name":"nope"}}""", "", "nope")]
    [InlineData("""{"type":"function","function":{}}""", "", "tool_choice.function.name")]
    [InlineData("\"sometimes\"", "", "sometimes")]
    [InlineData("\"required\"", ""","response_format":{"type":"json_object"}""", "response_format")]
    [InlineData("""{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}""", "", "allowed_tools")]
    public void Invalid_IsA400NamingToolChoice(string choice, string extra, string mention)
    {
        var e = Assert.Throws<ProtocolException>(() => Chat(choice, extra: extra));
        Assert.Equal("tool_choice", e.Param);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_WithoutTools_IsA400()
    {
        var e = Assert.Throws<ProtocolException>(() => Chat("\"required\"", tools: "[]"));
        Assert.Equal("tool_choice", e.Param);
    }

    [Fact]
    public void Responses_RequiredAndNamed_AreRequiredCalls()
    {
        var required = Responses("\"required\"");
        Assert.Null(required.Native.RequireToolCall!.Name);
        Assert.Equal("required", required.Template.ToolChoice);
        Assert.Equal("get_weather", Responses("""{"type":"function","name":"get_weather"}""").Native.RequireToolCall!.Name);
        Assert.Null(Responses("\"none\"").Native.Tools);
        var e = Assert.Throws<ProtocolException>(() => Responses("\"required\"", ""","text":{"format":{"type":"json_object"}}"""));
        Assert.Equal("tool_choice", e.Param);
        Assert.Contains("text.format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredCall_TravelsAsACorralExtensionField()
    {
        var json = JsonSerializer.Serialize(Chat("""{"type":"function","function":{"name":"get_time"}}"""), Corral.Api.Serialization.ApiJsonContext.Default.ChatRequest);
        Assert.Contains("\"_require_tool_call\":{\"name\":\"get_time\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("_require_tool_call", JsonSerializer.Serialize(Chat("\"auto\""), Corral.Api.Serialization.ApiJsonContext.Default.ChatRequest), StringComparison.Ordinal);
    }
}
