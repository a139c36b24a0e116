using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Corral.Server.Tests.OpenAI;

/// <summary>The official OpenAI .NET SDK against a real server (base URL <c>/v1</c>).</summary>
public sealed class OpenAISdkTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private OpenAIClient Client => new(new ApiKeyCredential("corral"),
        new OpenAIClientOptions { Endpoint = new Uri(models.Inner.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });

    private static readonly ChatCompletionOptions Short = new() { MaxOutputTokenCount = 8, Temperature = 0 };

    [Fact]
    public async Task Chat_NonStreaming()
    {
        var result = await Client.GetChatClient("chatml").CompleteChatAsync([new UserChatMessage("Hello")], Short, TestContext.Current.CancellationToken);
        var completion = result.Value;
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(8, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + 8, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Chat_Streaming_WithUsage()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in Client.GetChatClient("chatml").CompleteChatStreamingAsync([new UserChatMessage("Hello")], Short, TestContext.Current.CancellationToken))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(updates > 3, $"{updates} updates");
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(8, usage.OutputTokenCount);
        Assert.True(text.Length > 0);
    }

    [Fact]
    public async Task Models_ListAndGet()
    {
        var list = await Client.GetOpenAIModelClient().GetModelsAsync(TestContext.Current.CancellationToken);
        Assert.Contains(list.Value, m => m.Id == "stories:latest" && m.OwnedBy == "library");
        var one = await Client.GetOpenAIModelClient().GetModelAsync("stories", TestContext.Current.CancellationToken);
        Assert.Equal("stories:latest", one.Value.Id);
    }

    [Fact]
    public async Task Embeddings_FloatAndBase64()
    {
        var client = Client.GetEmbeddingClient("tinyllama");
        var result = await client.GenerateEmbeddingsAsync(["hello world", "good night"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Value.Count);
        var v = result.Value[0].ToFloats().ToArray();
        Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001);
        var small = await client.GenerateEmbeddingAsync("hi", new EmbeddingGenerationOptions { Dimensions = 16 }, TestContext.Current.CancellationToken);
        Assert.Equal(16, small.Value.ToFloats().Length);
    }

    [Fact]
    public async Task UnknownModel_IsAClientResultException_WithOpenAIShape()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client.GetChatClient("no-such-model").CompleteChatAsync([new UserChatMessage("x")], Short, TestContext.Current.CancellationToken));
        Assert.Equal(404, error.Status);
        var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("not_found_error", body.GetProperty("type").GetString());
        Assert.Equal("model_not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StrictAndLenient_UnsupportedParams()
    {
        const string body = """{"model":"stories","messages":[{"role":"user","content":"x"}],"max_tokens":2,"n":2,"service_tier":"auto"}""";
        var strict = await models.Inner.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        var error = JsonDocument.Parse(await strict.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("service_tier", error.GetProperty("param").GetString());

        using var lenient = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        lenient.Headers.Add("X-Corral-Lenient", "true");
        var ok = await models.Inner.Http.SendAsync(lenient, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("service_tier, n", string.Join(",", ok.Headers.GetValues("X-Corral-Ignored-Params")));
    }

    [Fact]
    public async Task RawSse_EndsWithDone_AndCompletionsWork()
    {
        var body = """{"model":"stories","messages":[{"role":"user","content":"x"}],"max_tokens":3,"stream":true,"stream_options":{"include_usage":true}}""";
        var response = await models.Inner.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("data: {\"id\":\"chatcmpl-", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":", text, StringComparison.Ordinal);

        var completion = await models.Inner.Http.PostAsync("/v1/completions",
            new StringContent("""{"model":"stories","prompt":"Once upon a time","max_tokens":5,"seed":1}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await completion.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
