using System.Text.Json;
using Corral.Api.Models;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

public sealed class OtherMapperTests
{
    [Fact]
    public void Embeddings_Base64IsLittleEndianFloat32()
    {
        var response = EmbeddingsMapper.ToResponse(new EmbedResponse { Model = "m", Embeddings = [[1f, -0.5f]], PromptEvalCount = 2 }, base64: true);
        var json = JsonSerializer.Serialize(response, OpenAIJsonContext.Wire.EmbeddingsResponse);
        var expected = Convert.ToBase64String([0, 0, 0x80, 0x3f, 0, 0, 0, 0xbf]);
        Assert.Equal($$$"""{"object":"list","data":[{"object":"embedding","embedding":"{{{expected}}}","index":0}],"model":"m","usage":{"prompt_tokens":2,"total_tokens":2}}""", json);
        var floats = JsonSerializer.Serialize(EmbeddingsMapper.ToResponse(new EmbedResponse { Model = "m", Embeddings = [[1f, -0.5f]] }, false), OpenAIJsonContext.Wire.EmbeddingsResponse);
        Assert.Contains("\"embedding\":[1,-0.5]", floats, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m","input":[]}""", "input")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"hex"}""", "encoding_format")]
    [InlineData("""{"model":"m","input":[1,2]}""", "input")]
    public void Embeddings_Refused(string json, string param) =>
        Assert.Equal(param, Assert.Throws<ProtocolException>(() =>
            EmbeddingsMapper.Map(JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.EmbeddingsRequest)!, new ParamPolicy(false))).Param);

    [Fact]
    public void Completions_MapAndRefuseEcho()
    {
        var mapped = CompletionMapper.Map(JsonSerializer.Deserialize("""{"model":"m","prompt":"Once","suffix":"end","max_tokens":4,"logprobs":2,"stop":["."]}""",
            OpenAIJsonContext.Default.CompletionRequest)!, new ParamPolicy(false));
        Assert.Equal("Once", mapped.Native.Prompt);
        Assert.Equal("end", mapped.Native.Suffix);
        Assert.Equal(2, mapped.Native.TopLogprobs);
        Assert.True(mapped.Native.Logprobs);
        Assert.Equal("4", mapped.Native.Options!["num_predict"].GetRawText());
        Assert.Equal("1", mapped.Native.Options!["temperature"].GetRawText());
        var error = Assert.Throws<ProtocolException>(() => CompletionMapper.Map(
            JsonSerializer.Deserialize("""{"model":"m","prompt":"x","echo":true}""", OpenAIJsonContext.Default.CompletionRequest)!, new ParamPolicy(false)));
        Assert.Equal("echo", error.Param);
    }

    [Fact]
    public void Completions_LegacyLogprobsShape()
    {
        var lp = CompletionMapper.Logprobs([new Logprob { Token = "ab", Value = -1, TopLogprobs = [new TopLogprobEntry { Token = "ab", Value = -1 }] }, new Logprob { Token = "c", Value = -2 }], 3)!;
        Assert.Equal(["ab", "c"], lp.Tokens);
        Assert.Equal([3, 5], lp.TextOffset);
        Assert.Equal(-1, lp.TopLogprobs[0]["ab"]);
    }

    [Fact]
    public void Models_IdsOwnersAndLookup()
    {
        var list = new ListResponse { Models = [new ListModel { Name = "stories:latest", ModifiedAt = DateTime.UnixEpoch.AddSeconds(100) }, new ListModel { Name = "me/x:q4" }] };
        var mapped = ModelsMapper.ToList(list);
        Assert.Equal("stories:latest", mapped.Data[0].Id);
        Assert.Equal(100, mapped.Data[0].Created);
        Assert.Equal("library", mapped.Data[0].OwnedBy);
        Assert.Equal("me", mapped.Data[1].OwnedBy);
        Assert.NotNull(ModelsMapper.Find(list, "stories"));
        Assert.Null(ModelsMapper.Find(list, "nope"));
    }
}
