namespace Corral.Server.Tests.Native;

/// <summary>A <c>corral cp</c> name (POST /api/copy) is a model name on every API and is listed by <c>/v1/models</c>, so a
/// client's hard-coded model name can point at a local model.</summary>
public sealed class AliasTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    [Fact]
    public async Task CopiedName_WorksOnEveryApi()
    {
        var server = models.Inner;
        var (status, body) = await server.PostAsync("/api/copy", """{"source":"tinyllama","destination":"gpt-4o-mini"}""");
        Assert.True(status == 200, body);

        const string Messages = """[{"role":"user","content":"Hello"}]""";
        (status, body) = await server.PostAsync("/api/chat", $$$"""{"model":"gpt-4o-mini","stream":false,"messages":{{{Messages}}},"options":{"num_predict":2}}""");
        Assert.True(status == 200, body);
        Assert.True(Http.Json(body).GetProperty("done").GetBoolean());

        (status, body) = await server.PostAsync("/v1/chat/completions", $$"""{"model":"gpt-4o-mini","messages":{{Messages}},"max_tokens":2}""");
        Assert.True(status == 200, body);
        Assert.Equal("chat.completion", Http.Json(body).GetProperty("object").GetString());

        (status, body) = await server.PostAsync("/v1/responses", """{"model":"gpt-4o-mini","input":"Hello","max_output_tokens":2}""");
        Assert.True(status == 200, body);
        Assert.Equal("response", Http.Json(body).GetProperty("object").GetString());

        (status, body) = await server.PostAsync("/v1/embeddings", """{"model":"gpt-4o-mini","input":["Hello"]}""");
        Assert.True(status == 200, body);
        Assert.True(Http.Json(body).GetProperty("data")[0].GetProperty("embedding").GetArrayLength() > 0);

        (status, body) = await server.PostAsync("/v1/messages", $$"""{"model":"gpt-4o-mini","max_tokens":2,"messages":{{Messages}}}""");
        Assert.True(status == 200, body);
        Assert.Equal("message", Http.Json(body).GetProperty("type").GetString());

        (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models");
        Assert.True(status == 200, body);
        var ids = Http.Json(body).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToArray();
        Assert.Contains("gpt-4o-mini:latest", ids);
        Assert.Contains("tinyllama:latest", ids);

        (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models/gpt-4o-mini");
        Assert.True(status == 200, body);
        Assert.Equal("gpt-4o-mini:latest", Http.Json(body).GetProperty("id").GetString());
    }
}
