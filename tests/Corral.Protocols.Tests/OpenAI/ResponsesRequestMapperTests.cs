using System.Text.Json;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

public sealed class ResponsesRequestMapperTests
{
    private static ResponsesRequest Parse(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Wire.ResponsesRequest)!;

    private static MappedResponsesRequest Map(string json, bool lenient = false) => ResponsesRequestMapper.Map(Parse(json), new ParamPolicy(lenient));

    [Theory]
    [InlineData("""{"model":"m","input":"x","previous_response_id":"resp_1"}""", "previous_response_id")]
    [InlineData("""{"model":"m","input":"x","conversation":"conv_1"}""", "conversation")]
    [InlineData("""{"model":"m","input":"x","store":true}""", "store")]
    public void StatefulParams_Are400_EvenLenient(string json, string param)
    {
        var error = Assert.Throws<ProtocolException>(() => Map(json, lenient: true));
        Assert.Equal(param, error.Param);
        Assert.Contains("stateless", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringInput_Instructions_Sampling()
    {
        var mapped = Map("""{"model":"m","input":"hi","instructions":"be brief","store":false,"max_output_tokens":9,"temperature":0.5,"reasoning":{"effort":"high"}}""");
        Assert.Equal(["system", "user"], mapped.Native.Messages!.Select(m => m.Role));
        Assert.Equal("be brief", mapped.Native.Messages![0].Content);
        Assert.Equal("hi", mapped.Native.Messages![1].Content);
        Assert.Equal(9, mapped.Native.Options!["num_predict"].GetInt32());
        Assert.Equal(0.5, mapped.Native.Options!["temperature"].GetDouble());
        Assert.Equal("high", mapped.Native.Think!.Value.GetString());
        Assert.False(mapped.Stream);
        Assert.Equal(9, mapped.Template.MaxOutputTokens);
        Assert.Equal("be brief", mapped.Template.Instructions);
    }

    [Fact]
    public void Items_MessageFunctionCallAndOutput_ToolsAndJsonSchema()
    {
        var mapped = Map("""
        {"model":"m","stream":true,
         "input":[
          {"type":"message","role":"developer","content":[{"type":"input_text","text":"sys"}]},
          {"role":"user","content":"weather?"},
          {"type":"reasoning","id":"rs_1","summary":[]},
          {"type":"function_call","call_id":"call_1","name":"weather","arguments":"{\"city\":\"Paris\"}"},
          {"type":"function_call_output","call_id":"call_1","output":"sunny"},
          {"type":"message","role":"assistant","content":[{"type":"output_text","text":"It is sunny."}]}],
         "tools":[{"type":"function","name":"weather","description":"d","parameters":{"type":"object"}}],
         "text":{"format":{"type":"json_schema","name":"s","schema":{"type":"object"}}}}
        """);
        var m = mapped.Native.Messages!;
        Assert.Equal(["system", "user", "assistant", "tool", "assistant"], m.Select(x => x.Role));
        Assert.Equal("weather", m[2].ToolCalls![0].Function.Name);
        Assert.Equal("call_1", m[2].ToolCalls![0].Id);
        Assert.Equal("Paris", m[2].ToolCalls![0].Function.Arguments!.Value.GetProperty("city").GetString());
        Assert.Equal("sunny", m[3].Content);
        Assert.Equal("weather", m[3].ToolName);
        Assert.Equal("call_1", m[3].ToolCallId);
        Assert.Equal("It is sunny.", m[4].Content);
        Assert.Equal("weather", mapped.Native.Tools![0].Function.Name);
        Assert.Equal(JsonValueKind.Object, mapped.Native.Format!.Value.ValueKind);
        Assert.True(mapped.Stream);
    }

    [Fact]
    public void UnknownParam_StrictThenLenient()
    {
        const string json = """{"model":"m","input":"x","service_tier":"auto"}""";
        Assert.Equal("service_tier", Assert.Throws<ProtocolException>(() => Map(json)).Param);
        Assert.Equal(["service_tier"], Map(json, lenient: true).Ignored);
    }

    [Fact]
    public void BadInputs_NameTheParam()
    {
        Assert.Equal("input", Assert.Throws<ProtocolException>(() => Map("""{"model":"m"}""")).Param);
        Assert.Equal("input[0].type", Assert.Throws<ProtocolException>(() => Map("""{"model":"m","input":[{"type":"web_search_call"}]}""")).Param);
        Assert.Equal("tools[0].type", Assert.Throws<ProtocolException>(() => Map("""{"model":"m","input":"x","tools":[{"type":"web_search"}]}""")).Param);
    }
}
