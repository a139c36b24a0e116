using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.Anthropic;

namespace Corral.Protocols.Tests.Anthropic;

public sealed class RequestMapperTests
{
    private static ChatRequest Map(string json, bool countOnly = false) =>
        RequestMapper.ToChat(JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!, countOnly);

    private static ProtocolException Refused(string json) => Assert.Throws<ProtocolException>(() => Map(json));

    [Fact]
    public void SystemString_AndSamplingOptions()
    {
        var chat = Map("""
            {"model":"m","max_tokens":64,"system":"Be brief.","temperature":0.5,"top_p":0.9,"top_k":40,
             "stop_sequences":["END","\n\n"],"messages":[{"role":"user","content":"Hi"}],"metadata":{"user_id":"u"}}
            """);
        Assert.Equal("m", chat.Model);
        Assert.Equal([("system", "Be brief."), ("user", "Hi")], chat.Messages!.Select(m => (m.Role, m.Content)));
        Assert.Equal(64, chat.Options!["num_predict"].GetInt32());
        Assert.Equal(0.5, chat.Options["temperature"].GetDouble());
        Assert.Equal(0.9, chat.Options["top_p"].GetDouble());
        Assert.Equal(40, chat.Options["top_k"].GetInt32());
        Assert.Equal(["END", "\n\n"], chat.Options["stop"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("false", chat.Think!.Value.GetRawText()); // no `thinking`: off, as on Anthropic's API
    }

    [Fact]
    public void SystemBlocks_AndSystemRoleInsideMessages_AreAccepted()
    {
        var chat = Map("""
            {"model":"m","max_tokens":8,"system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}},{"type":"text","text":"B"}],
             "messages":[{"role":"system","content":"C"},{"role":"user","content":[{"type":"text","text":"x"},{"type":"text","text":"y"}]}]}
            """);
        Assert.Equal([("system", "A\nB"), ("system", "C"), ("user", "x\ny")], chat.Messages!.Select(m => (m.Role, m.Content)));
    }

    [Fact]
    public void ToolUseAndToolResult_BecomeToolCallsAndToolMessages()
    {
        var chat = Map("""
            {"model":"m","max_tokens":8,
             "tools":[{"name":"weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"auto"},
             "messages":[
               {"role":"user","content":"Paris?"},
               {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Let me check."},
                  {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}]},
                  {"type":"tool_result","tool_use_id":"toolu_1","content":"boom","is_error":true},{"type":"text","text":"thanks"}]}]}
            """);
        var m = chat.Messages!;
        Assert.Equal(["user", "assistant", "tool", "tool", "user"], m.Select(x => x.Role));
        Assert.Equal("hmm", m[1].Thinking);
        Assert.Equal("Let me check.", m[1].Content);
        var call = Assert.Single(m[1].ToolCalls!);
        Assert.Equal("toolu_1", call.Id);
        Assert.Equal("weather", call.Function.Name);
        Assert.Equal("Paris", call.Function.Arguments!.Value.GetProperty("city").GetString());
        Assert.Equal(("sunny", "toolu_1", "weather"), (m[2].Content, m[2].ToolCallId, m[2].ToolName));
        Assert.Equal("Error: boom", m[3].Content);
        Assert.Equal("thanks", m[4].Content);
        var tool = Assert.Single(chat.Tools!);
        Assert.Equal("weather", tool.Function.Name);
        Assert.Equal("object", tool.Function.Parameters!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public void ToolChoiceNone_WithholdsTools()
    {
        var chat = Map("""{"model":"m","max_tokens":8,"tools":[{"name":"t","input_schema":{"type":"object"}}],"tool_choice":{"type":"none"},"messages":[{"role":"user","content":"x"}]}""");
        Assert.Null(chat.Tools);
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":1024}""", "true")]
    [InlineData("""{"type":"disabled"}""", "false")]
    [InlineData("""{"type":"adaptive"}""", "true")]
    public void Thinking_MapsToThink(string thinking, string expected)
    {
        var chat = Map($$"""{"model":"m","max_tokens":8,"thinking":{{thinking}},"messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(expected, chat.Think!.Value.GetRawText());
    }

    [Fact]
    public void Effort_BecomesThinkLevel()
    {
        var chat = Map("""{"model":"m","max_tokens":8,"thinking":{"type":"enabled"},"output_config":{"effort":"xhigh"},"messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal("high", chat.Think!.Value.GetString());
    }

    [Fact]
    public void Base64Image_BecomesImages_UrlImageRefused()
    {
        var chat = Map("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}},{"type":"text","text":"what?"}]}]}""");
        Assert.Equal(["iVBO"], chat.Messages![0].Images!);
        var e = Refused("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"http://x"}}]}]}""");
        Assert.Equal("messages.0.content.0.source", e.Param);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"x"}],"frobnicate":1}""", "frobnicate")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "max_tokens")]
    [InlineData("""{"max_tokens":8,"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"m","max_tokens":8,"messages":[]}""", "messages")]
    [InlineData("""{"model":"m","max_tokens":8,"messages":[{"role":"bot","content":"x"}]}""", "messages.0.role")]
    [InlineData("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":[{"type":"document"}]}]}""", "messages.0.content.0.type")]
    [InlineData("""{"model":"m","max_tokens":8,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"x"}]}""", "tools.0.type")]
    [InlineData("""{"model":"m","max_tokens":8,"tool_choice":{"type":"sometimes"},"messages":[{"role":"user","content":"x"}]}""", "tool_choice.type")]
    [InlineData("""{"model":"m","max_tokens":8,"thinking":{"type":"maybe"},"messages":[{"role":"user","content":"x"}]}""", "thinking.type")]
    public void Invalid_IsRefusedNamingTheField(string json, string param)
    {
        var e = Refused(json);
        Assert.Equal(param, e.Param);
        Assert.Contains(param, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountTokens_NeedsNoMaxTokens_AndGeneratesOne()
    {
        var chat = Map("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", countOnly: true);
        Assert.Equal(1, chat.Options!["num_predict"].GetInt32());
    }
}
