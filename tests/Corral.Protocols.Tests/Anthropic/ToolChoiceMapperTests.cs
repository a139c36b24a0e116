using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

/// <summary>Anthropic <c>tool_choice</c>: <c>any</c> and <c>tool</c> become the native request's required call,
/// <c>auto</c> requires nothing, <c>none</c> withholds the tools.</summary>
public sealed class ToolChoiceMapperTests
{
    private const string Tools = """[{"name":"get_weather","input_schema":{"type":"object"}},{"name":"get_time","input_schema":{"type":"object"}}]""";

    private static ChatRequest Map(string choice, string tools = Tools, string extra = "") =>
        RequestMapper.ToChat(JsonSerializer.Deserialize(
            $$"""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"x"}],"tools":{{tools}},"tool_choice":{{choice}}{{extra}}}""",
            AnthropicJsonContext.Default.MessagesRequest)!, countOnly: false);

    [Fact]
    public void Any_RequiresAnyTool()
    {
        var r = Map("""{"type":"any"}""");
        Assert.Equal(2, r.Tools!.Length);
        Assert.Null(r.RequireToolCall!.Name);
    }

    [Fact]
    public void Tool_RequiresThatTool()
    {
        var r = Map("""{"type":"tool","name":"get_time","disable_parallel_tool_use":true}""");
        Assert.Equal(2, r.Tools!.Length);
        Assert.Equal("get_time", r.RequireToolCall!.Name);
    }

    [Fact]
    public void Auto_RequiresNothing_None_WithholdsTools()
    {
        Assert.Null(Map("""{"type":"auto"}""").RequireToolCall);
        var none = Map("""{"type":"none"}""");
        Assert.Null(none.Tools);
        Assert.Null(none.RequireToolCall);
    }

    [Theory]
    [InlineData("""{"type":"tool"}""", Tools, "", "tool_choice.name")]
    [InlineData("""{"type":"tool","name":"nope"}""", Tools, "", "tool_choice.name")]
    [InlineData("""{"type":"any"}""", "[]", "", "tool_choice")]
    [InlineData("""{"type":"any"}""", Tools, ""","output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}""", "tool_choice")]
    public void Invalid_IsRefusedNamingTheField(string choice, string tools, string extra, string param)
    {
        var e = Assert.Throws<ProtocolException>(() => Map(choice, tools, extra));
        Assert.Equal(param, e.Param);
    }
}
