using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Corral.Routing.Configuration;
using Corral.TestKit.Upstreams;

namespace Corral.Server.Tests.Router;

/// <summary><c>/v1/messages/count_tokens</c> with a route's name counts with the route's first target that can: an
/// Anthropic upstream through its own count_tokens, a local model with its tokenizer and template; OpenAI targets are
/// skipped.</summary>
public sealed class RouterCountTokensTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AnthropicClient Client => new() { BaseUrl = fixture.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    private static MessageCountTokensParams Prompt(string model) => new()
    {
        Model = model,
        System = "Be brief.",
        Messages = [new UserMessageParam { Content = "Say hello." }],
    };

    [Fact]
    public async Task An_anthropic_primary_counts_through_its_upstream_with_its_key()
    {
        var count = await Client.Messages.CountTokens(Prompt("smart"), Ct);

        Assert.Equal(fixture.Anthropic.Answer.InputTokens, count.InputTokens);
        var sent = fixture.Anthropic.LastRequest;
        Assert.Equal("/v1/messages/count_tokens", sent.Path);
        Assert.Equal(RouterFixture.AnthropicKey, sent.Header("x-api-key"));
        var body = sent.Json();
        Assert.Equal("claude-test", body.GetProperty("model").GetString());
        Assert.Equal("Be brief.", body.GetProperty("system").GetString());
        Assert.Equal("Say hello.", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task An_openai_target_is_skipped_for_the_next_one_that_can_count()
    {
        var openAIBefore = fixture.OpenAI.RequestCount;

        var count = await Client.Messages.CountTokens(Prompt("gpt-4o-mini"), Ct); // [openai/gpt-test, anthropic/claude-test]

        Assert.Equal(fixture.Anthropic.Answer.InputTokens, count.InputTokens);
        Assert.Equal(openAIBefore, fixture.OpenAI.RequestCount);
        Assert.Equal("/v1/messages/count_tokens", fixture.Anthropic.LastRequest.Path);
    }

    [Fact]
    public async Task A_local_primary_counts_exactly_as_the_plain_local_model_does()
    {
        var local = await Client.Messages.CountTokens(Prompt("tiny"), Ct);
        await ReloadAsync(fixture.Yaml().Replace("routes:\n", "routes:\n  local-first:\n    targets: [local/tiny, anthropic/claude-test]\n", StringComparison.Ordinal));
        var anthropicBefore = fixture.Anthropic.RequestCount;

        var routed = await Client.Messages.CountTokens(Prompt("local-first"), Ct);
        var skipped = await Client.Messages.CountTokens(Prompt("lastresort"), Ct); // [down/gpt-test (OpenAI), local/tiny]

        Assert.True(local.InputTokens > 3);
        Assert.Equal(local.InputTokens, routed.InputTokens);
        Assert.Equal(local.InputTokens, skipped.InputTokens);
        Assert.Equal(anthropicBefore, fixture.Anthropic.RequestCount);
    }

    [Fact]
    public async Task A_failing_upstream_falls_back_to_the_next_target_that_can_count()
    {
        var local = await Client.Messages.CountTokens(Prompt("tiny"), Ct);
        fixture.Anthropic.Enqueue(FakeFault.Overloaded());

        var count = await Client.Messages.CountTokens(Prompt("smart"), Ct); // [anthropic (529), openai (cannot count), local/tiny]

        Assert.Equal(local.InputTokens, count.InputTokens);
    }

    [Fact]
    public async Task Errors_come_in_anthropics_shape()
    {
        using var none = await CountAsync("shadowed"); // [openai/gpt-shadowed]
        await AssertErrorAsync(none, HttpStatusCode.BadRequest, "invalid_request_error", "route 'shadowed' cannot count tokens: none of its targets can");

        fixture.Anthropic.Enqueue(FakeFault.BadRequest("messages.0.content: text must not be empty"));
        using var bad = await CountAsync("smart");
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "invalid_request_error", "anthropic: HTTP 400 invalid_request_error: messages.0.content: text must not be empty");

        fixture.Anthropic.Enqueue(FakeFault.ServerError());
        using var failed = await CountAsync("f-e500"); // [a-e500/claude-e500, openai/gpt-e500]
        await AssertErrorAsync(failed, HttpStatusCode.BadGateway, "api_error",
            "route 'f-e500': every target that can count tokens failed: a-e500/claude-e500: server_error (500)");
        var body = await failed.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("SECRET", body, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> CountAsync(string model) => fixture.Http.PostAsync("/v1/messages/count_tokens",
        new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), Ct);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string message)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal(type, body.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task ReloadAsync(string yaml)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<RouterConfig> handler = (_, _) => changed.TrySetResult();
        fixture.Routes.Changed += handler;
        try
        {
            await File.WriteAllTextAsync(fixture.RoutesPath, yaml, Ct);
            await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        finally
        {
            fixture.Routes.Changed -= handler;
        }
    }
}
