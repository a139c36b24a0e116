using System.Diagnostics;
using System.Text;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Corral.Server.Tests.Native;

/// <summary>/api/chat, /api/embed, truncation and disconnects on real models.</summary>
public sealed class ChatAndEmbedTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private ServerFixture Server => models.Inner;

    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) });

    [Fact]
    public async Task Chat_WithGgufChatTemplate_StreamsAssistantMessage()
    {
        var parts = new List<ChatResponseStream?>();
        await foreach (var part in Client().ChatAsync(new ChatRequest
        {
            Model = "chatml",
            Messages = [new Message(ChatRole.System, "You are terse."), new Message(ChatRole.User, "Tell me a story.")],
            Options = new RequestOptions { NumPredict = 16, Temperature = 0 },
        }, TestContext.Current.CancellationToken))
        {
            parts.Add(part);
        }

        Assert.True(parts.Count > 3);
        Assert.All(parts, p => Assert.Equal(ChatRole.Assistant, p!.Message.Role));
        var done = Assert.IsType<ChatDoneResponseStream>(parts[^1]);
        Assert.Equal(16, done.EvalCount);
        Assert.True(done.PromptEvalCount > 10);
    }

    [Fact]
    public async Task Chat_DebugCheck_ChatTemplateIsApplied()
    {
        // The ChatML template wraps turns in special tokens: a chat prompt costs more tokens than the raw text.
        var (_, chat) = await Server.PostAsync("/api/chat",
            """{"model":"chatml","stream":false,"messages":[{"role":"user","content":"Hello"}],"options":{"num_predict":1}}""");
        var (_, raw) = await Server.PostAsync("/api/generate",
            """{"model":"chatml","raw":true,"stream":false,"prompt":"Hello","options":{"num_predict":1}}""");
        Assert.True(Http.Json(chat).GetProperty("prompt_eval_count").GetInt32() > Http.Json(raw).GetProperty("prompt_eval_count").GetInt32() + 4);
    }

    [Fact]
    public async Task Chat_EmptyMessages_LoadsModel()
    {
        var (status, body) = await Server.PostAsync("/api/chat", """{"model":"stories","messages":[]}""");
        Assert.Equal(200, status);
        var line = Http.Json(body.Split('\n')[0]);
        Assert.True(line.GetProperty("done").GetBoolean());
        Assert.Equal("load", line.GetProperty("done_reason").GetString());
    }

    [Theory]
    [InlineData("""{"model":"stories","messages":[{"role":"wizard","content":"x"}]}""", "invalid message role")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}]}""", "does not support tools")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"think":true}""", "does not support thinking")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x","images":["aGk="]}]}""", "does not support vision")]
    [InlineData("""{"model":"stories","messages":[{"role":"user","content":"x"}],"format":"yaml"}""", "invalid format")]
    public async Task Chat_UnsupportedRequests_AreRefusedNotIgnored(string body, string message)
    {
        var (status, text) = await Server.PostAsync("/api/chat", body);
        Assert.Equal(400, status);
        Assert.Contains(message, Http.Error(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_FormatJson_ProducesJson()
    {
        var (status, body) = await Server.PostAsync("/api/generate",
            """{"model":"stories","prompt":"Data:","format":"json","stream":false,"options":{"num_predict":40,"temperature":0}}""");
        Assert.Equal(200, status);
        var text = Http.Json(body).GetProperty("response").GetString()!;
        Assert.StartsWith("{", text.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_PromptLongerThanContext_IsTruncatedAndSaysSo()
    {
        var prompt = string.Concat(Enumerable.Repeat("Once upon a time there was a little dog. ", 40));
        var (status, body) = await Server.PostAsync("/api/generate",
            $$$"""{"model":"stories","prompt":"{{{prompt}}}","stream":false,"options":{"num_ctx":128,"num_predict":4}}""");
        Assert.Equal(200, status);
        var json = Http.Json(body);
        Assert.True(json.GetProperty("truncated_tokens").GetInt32() > 100);
        Assert.True(json.GetProperty("prompt_eval_count").GetInt32() < 128);

        var (refused, error) = await Server.PostAsync("/api/generate",
            $$$"""{"model":"stories","prompt":"{{{prompt}}}","truncate":false,"stream":false,"options":{"num_ctx":128}}""");
        Assert.Equal(400, refused);
        Assert.Contains("longer than the context length", Http.Error(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_LongHistory_DropsOldestMessages_KeepsSystemAndLast()
    {
        var history = new StringBuilder("""{"role":"system","content":"S"}""");
        for (var i = 0; i < 30; i++)
        {
            history.Append($$""",{"role":"user","content":"Tell me about the dog number {{i}} and the cat."},{"role":"assistant","content":"The dog ran and the cat sat on the mat all day."}""");
        }

        history.Append(""",{"role":"user","content":"End."}""");
        var (status, body) = await Server.PostAsync("/api/chat",
            $$$"""{"model":"chatml","stream":false,"messages":[{{{history}}}],"options":{"num_ctx":256,"num_predict":2}}""");
        Assert.Equal(200, status);
        var json = Http.Json(body);
        Assert.True(json.GetProperty("truncated_tokens").GetInt32() > 0);
        Assert.True(json.GetProperty("prompt_eval_count").GetInt32() < 256);
    }

    [Fact]
    public async Task Embed_ReturnsNormalizedVectors_AndHonoursDimensionsAndTruncate()
    {
        var response = await Client().EmbedAsync(new EmbedRequest { Model = "tinyllama", Input = ["The cat sat.", "A dog ran far away."] },
            TestContext.Current.CancellationToken);
        Assert.Equal(2, response.Embeddings.Count);
        foreach (var vector in response.Embeddings)
        {
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 3);
        }

        Assert.NotEqual(response.Embeddings[0], response.Embeddings[1]);
        var (_, cut) = await Server.PostAsync("/api/embed", """{"model":"tinyllama","input":"The cat sat.","dimensions":8}""");
        var vec = Http.Json(cut).GetProperty("embeddings")[0];
        Assert.Equal(8, vec.GetArrayLength());

        var (status, text) = await Server.PostAsync("/api/embed", """{"model":"tinyllama","input":5}""");
        Assert.Equal(400, status);
        Assert.Equal("invalid input type", Http.Error(text));

        var longInput = string.Concat(Enumerable.Repeat("word ", 400));
        var (tooLong, error) = await Server.PostAsync("/api/embed",
            $$$"""{"model":"tinyllama","input":"{{{longInput}}}","truncate":false,"options":{"num_ctx":64}}""");
        Assert.Equal(400, tooLong);
        Assert.Equal("the input length exceeds the context length", Http.Error(error));
    }

    [Fact]
    public async Task ClientDisconnect_MidStream_StopsGeneration_AndModelServesNextRequest()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent("""{"model":"stories","prompt":"Once","options":{"num_predict":100000,"num_ctx":2048}}""", Encoding.UTF8, "application/json"),
        };
        using (var response = await Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token))
        {
            var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            var buffer = new byte[256];
            Assert.True(await stream.ReadAsync(buffer, cts.Token) > 0);
            await cts.CancelAsync();
        }

        var watch = Stopwatch.StartNew();
        var (status, _) = await Server.PostAsync("/api/generate", """{"model":"stories","prompt":"The","stream":false,"options":{"num_predict":4}}""");
        Assert.Equal(200, status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"next request waited {watch.Elapsed}");
    }
}
