using System.Net;
using System.Text;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;

namespace Corral.Server.Tests.Native;

/// <summary>/api/generate over a real socket, driven by OllamaSharp (a client nobody here wrote).</summary>
public sealed class GenerateTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private ServerFixture Server => models.Inner;

    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) });

    [Fact]
    public async Task Generate_Streams_ManyChunks_AndFinalMetrics()
    {
        var chunks = new List<GenerateResponseStream?>();
        await foreach (var chunk in Client().GenerateAsync(new GenerateRequest
        {
            Model = "stories",
            Prompt = "Once upon a time",
            Options = new RequestOptions { NumPredict = 24, Temperature = 0, Seed = 1 },
        }, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 5, $"expected a stream, got {chunks.Count} chunks");
        var done = Assert.IsType<GenerateDoneResponseStream>(chunks[^1]);
        Assert.True(done.Done);
        Assert.Equal("length", done.DoneReason);
        Assert.Equal(24, done.EvalCount);
        Assert.True(done.PromptEvalCount > 0);
        Assert.True(done.EvalDuration > 0);
        Assert.True(done.TotalDuration >= done.EvalDuration);
#pragma warning disable CS0618 // context is deprecated in Ollama's API, but Corral still returns it as Ollama does
        Assert.NotEmpty(done.Context);
#pragma warning restore CS0618
        var text = string.Concat(chunks.Select(c => c?.Response));
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public async Task Generate_SameSeed_SameText_AndStreamFalseFoldsTheSameStream()
    {
        async Task<string> Run(bool stream)
        {
            var body = $$$"""{"model":"stories","prompt":"The cat","stream":{{{(stream ? "true" : "false")}}},"options":{"seed":42,"temperature":0.9,"num_predict":20}}""";
            var response = await Server.Http.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!stream)
            {
                Assert.Single(lines);
                Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
            }
            else
            {
                Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
            }

            return string.Concat(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("response").GetString()));
        }

        var streamed = await Run(stream: true);
        var folded = await Run(stream: false);
        Assert.Equal(streamed, folded);
        Assert.Equal(streamed, await Run(stream: true));
    }

    [Fact]
    public async Task Generate_StopSequence_EndsBeforeIt()
    {
        // Learn the greedy continuation, then stop on a word from its middle.
        var free = await GenerateText("Once upon a time", """{"temperature":0,"num_predict":30}""");
        var words = free.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stop = words[Math.Min(4, words.Length - 1)];
        var stopped = await GenerateText("Once upon a time", $$"""{"temperature":0,"num_predict":30,"stop":["{{stop}}"]}""");
        Assert.DoesNotContain(stop, stopped, StringComparison.Ordinal);
        Assert.StartsWith(stopped, free, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UnknownModel_Is404WithOllamaMessage()
    {
        var response = await Server.Http.PostAsync("/api/generate",
            new StringContent("""{"model":"nope","prompt":"hi"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"model 'nope' not found"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("", "missing request body")]
    [InlineData("{", "")]
    [InlineData("""{"model":"stories","prompt":5}""", "")]
    [InlineData("""{"model":"stories","prompt":"x","options":{"temperature":"hot"}}""", "option 'temperature' must be a number")]
    [InlineData("""{"model":"stories","prompt":"x","options":{"made_up":1}}""", "unknown option 'made_up'")]
    [InlineData("""{"model":"stories","prompt":"x","top_logprobs":50}""", "top_logprobs must be between 0 and 20")]
    [InlineData("""{"model":"stories","prompt":"x","raw":true,"system":"s"}""", "raw mode does not support template, system, or context")]
    [InlineData("""{"model":"../../etc/passwd","prompt":"x"}""", "invalid model name")]
    [InlineData("""{"model":"stories","prompt":"x","keep_alive":"forever-ish"}""", "invalid keep_alive")]
    public async Task Generate_BadInput_Is400WithClearMessage(string body, string message)
    {
        var response = await Server.Http.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.StoreDirectory, error, StringComparison.Ordinal);
    }

    private async Task<string> GenerateText(string prompt, string options)
    {
        var body = $$"""{"model":"stories","prompt":"{{prompt}}","stream":false,"options":{{options}}}""";
        var response = await Server.Http.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("response").GetString()!;
    }
}
