using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

public sealed class ChatRequestMapperTests
{
    private static MappedRequest<ChatRequest> Map(string json, bool lenient = false, int? header = null) =>
        ChatRequestMapper.Map(JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.ChatCompletionRequest)!, new ParamPolicy(lenient), header);

    private static ProtocolException Refused(string json) => Assert.Throws<ProtocolException>(() => Map(json));

    private static string Option(ChatRequest r, string name) => r.Options![name].GetRawText();

    [Fact]
    public void Sampling_MapsToNativeOptions_WithOpenAIDefaults()
    {
        var r = Map("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":7,"seed":3,"stop":"END","frequency_penalty":0.5,"presence_penalty":-1}""").Native;
        Assert.Equal("7", Option(r, "num_predict"));
        Assert.Equal("1", Option(r, "temperature"));
        Assert.Equal("1", Option(r, "top_p"));
        Assert.Equal("3", Option(r, "seed"));
        Assert.Equal("""["END"]""", Option(r, "stop"));
        Assert.Equal("0.5", Option(r, "frequency_penalty"));
        Assert.Equal("-1", Option(r, "presence_penalty"));
        Assert.False(r.Options!.ContainsKey("num_ctx"));
    }

    [Fact]
    public void MaxCompletionTokens_StopArray_Temperature()
    {
        var r = Map("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":9,"stop":["a","b"],"temperature":0.2,"top_p":0.5}""").Native;
        Assert.Equal("9", Option(r, "num_predict"));
        Assert.Equal("""["a","b"]""", Option(r, "stop"));
        Assert.Equal("0.2", Option(r, "temperature"));
        Assert.Equal("0.5", Option(r, "top_p"));
    }

    [Fact]
    public void NumCtx_FromBodyOrHeader_BodyWins()
    {
        Assert.Equal("4096", Option(Map("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", header: 4096).Native, "num_ctx"));
        Assert.Equal("8192", Option(Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"num_ctx":8192}""", header: 4096).Native, "num_ctx"));
        Assert.Equal("1024", Option(Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"options":{"num_ctx":1024,"top_k":5}}""").Native, "num_ctx"));
    }

    [Fact]
    public void Messages_PartsToolCallsAndToolResults()
    {
        var r = Map("""
            {"model":"m","messages":[
              {"role":"developer","content":"be nice"},
              {"role":"user","content":[{"type":"text","text":"look "},{"type":"text","text":"here"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
              {"role":"assistant","content":null,"reasoning_content":"hmm","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """).Native;
        var m = r.Messages!;
        Assert.Equal("system", m[0].Role);
        Assert.Equal("look here", m[1].Content);
        Assert.Equal(["AAAA"], m[1].Images!);
        Assert.Equal("hmm", m[2].Thinking);
        Assert.Equal("get_weather", m[2].ToolCalls![0].Function.Name);
        Assert.Equal("Paris", m[2].ToolCalls![0].Function.Arguments!.Value.GetProperty("city").GetString());
        Assert.Equal("get_weather", m[3].ToolName);
        Assert.Equal("call_1", m[3].ToolCallId);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"n":2}""", "n")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"logit_bias":{"1":5}}""", "logit_bias")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"service_tier":"auto"}""", "service_tier")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"parallel_tool_calls":false}""", "parallel_tool_calls")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"required"}""", "tool_choice")]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"reasoning_effort":"huge"}""", "reasoning_effort")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""", "messages[0].content[0].image_url.url")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":3}""", "temperature")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    public void Unsupported_IsA400NamingTheParam(string json, string param) => Assert.Equal(param, Refused(json).Param);

    [Fact]
    public void Lenient_IgnoresAndReports()
    {
        var mapped = Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"n":3,"service_tier":"auto","logit_bias":{"1":1},"user":"u"}""", lenient: true);
        Assert.Equal(["service_tier", "n", "logit_bias"], mapped.Ignored);
    }

    [Fact]
    public void UserAndDefaults_AreAcceptedInStrictMode()
    {
        var mapped = Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"user":"u","n":1,"parallel_tool_calls":true,"tool_choice":"auto","logit_bias":{}}""");
        Assert.Empty(mapped.Ignored);
    }

    [Fact]
    public void ResponseFormat_ReasoningTools_Logprobs_Stream()
    {
        var mapped = Map("""
            {"model":"m","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true},
             "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},
             "reasoning_effort":"minimal","logprobs":true,"top_logprobs":3,
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":true}}]}
            """);
        var r = mapped.Native;
        Assert.True(mapped.Stream);
        Assert.True(mapped.IncludeUsage);
        Assert.Equal("""{"type":"object"}""", r.Format!.Value.GetRawText());
        Assert.Equal("\"low\"", r.Think!.Value.GetRawText());
        Assert.True(r.Logprobs);
        Assert.Equal(3, r.TopLogprobs);
        Assert.Equal("f", r.Tools![0].Function.Name);
        Assert.Equal("\"json\"", Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""").Native.Format!.Value.GetRawText());
        Assert.Equal("false", Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"reasoning":{"effort":"none"}}""").Native.Think!.Value.GetRawText());
        Assert.Null(Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"none","tools":[{"type":"function","function":{"name":"f"}}]}""").Native.Tools);
    }
}
