using System.Net;
using System.Text;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corral.Server.Tests.Anthropic;

/// <summary>The official Anthropic C# SDK against a real server (TinyLlama with a ChatML template).</summary>
public sealed class AnthropicSdkTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private AnthropicClient Client() => new() { BaseUrl = models.Inner.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ReturnsAMessage()
    {
        var message = await Client().Messages.Create(new MessageCreateParams
        {
            Model = "chatml",
            MaxTokens = 8,
            System = "You are terse.",
            Messages = [new UserMessageParam { Content = "Say hello." }],
        }, Ct);

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.Contains("chatml", message.Model.ToString(), StringComparison.Ordinal);
        Assert.True(message.Content.Count > 0);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.False(string.IsNullOrEmpty(text!.Text));
        Assert.True(message.Usage.InputTokens > 0);
        Assert.InRange(message.Usage.OutputTokens, 1, 8);
        Assert.NotNull(message.StopReason);
    }

    [Fact]
    public async Task CreateStreaming_YieldsTheEventSequence()
    {
        var text = new StringBuilder();
        var kinds = new List<string>();
        long? inputTokens = null;
        await foreach (var e in Client().Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "chatml",
            MaxTokens = 6,
            Messages = [new UserMessageParam { Content = "Count to ten." }],
        }, Ct))
        {
            if (e.TryPickStart(out _))
            {
                kinds.Add("start");
            }
            else if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var t))
            {
                text.Append(t!.Text);
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                kinds.Add("delta:" + messageDelta!.Delta.StopReason);
                inputTokens = messageDelta.Usage.InputTokens;
            }
            else if (e.TryPickStop(out _))
            {
                kinds.Add("stop");
            }
        }

        Assert.Equal("start", kinds[0]);
        Assert.Equal("stop", kinds[^1]);
        Assert.Contains(kinds, k => k.StartsWith("delta:", StringComparison.Ordinal));
        Assert.True(text.Length > 0);
        Assert.True(inputTokens > 0);
    }

    [Fact]
    public async Task CountTokens_MatchesTheGeneratedPrompt()
    {
        var client = Client();
        var count = await client.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "chatml",
            System = "You are terse.",
            Messages = [new UserMessageParam { Content = "Say hello." }],
        }, Ct);
        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "chatml",
            MaxTokens = 1,
            System = "You are terse.",
            Messages = [new UserMessageParam { Content = "Say hello." }],
        }, Ct);

        Assert.True(count.InputTokens > 5);
        Assert.Equal(count.InputTokens, message.Usage.InputTokens + (message.Usage.CacheReadInputTokens ?? 0));
    }

    [Fact]
    public async Task UnknownModel_IsANotFoundException()
    {
        var e = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => Client().Messages.Create(new MessageCreateParams
        {
            Model = "no-such-model",
            MaxTokens = 4,
            Messages = [new UserMessageParam { Content = "hi" }],
        }, Ct));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_UseAnthropicsShape()
    {
        var http = models.Inner.Http;
        var unknown = await http.PostAsync("/v1/messages", Json("""{"model":"chatml","max_tokens":4,"messages":[{"role":"user","content":"x"}],"bogus":1}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var body = await unknown.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("""{"type":"error","error":{"type":"invalid_request_error","message":"bogus:""", body, StringComparison.Ordinal);

        var streamMissing = await http.PostAsync("/v1/messages", Json("""{"model":"nope","max_tokens":4,"stream":true,"messages":[{"role":"user","content":"x"}]}"""), Ct);
        Assert.Equal(HttpStatusCode.NotFound, streamMissing.StatusCode);
        Assert.Contains("\"not_found_error\"", await streamMissing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawStream_IsServerSentEvents_WithSloppyClientInput()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = Json("""
                {"model":"chatml","max_tokens":3,"stream":true,"metadata":{"user_id":"u"},"tool_choice":{"type":"auto"},
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"system","content":"Extra system."},{"role":"user","content":[{"type":"text","text":"Hi"}]}]}
                """),
        };
        request.Headers.Add("anthropic-beta", "some-future-beta-2099-01-01");
        request.Headers.Add("anthropic-version", "2023-06-01");
        var response = await models.Inner.Http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event: message_start\ndata: {\"type\":\"message_start\"", body, StringComparison.Ordinal);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", body, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
