using System.Text.Json;
using Corral.Api.Models;
using Corral.Routing.Upstreams;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

public sealed class AnthropicProviderTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static readonly Tool Weather = new()
    {
        Function = new ToolFunction
        {
            Name = "get_weather",
            Description = "Weather for a city",
            Parameters = Upstream.Json("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
        },
    };

    private static ChatRequest Conversation() => new()
    {
        Model = "claude-sonnet-4-5",
        Messages =
        [
            new Message { Role = "system", Content = "Be brief." },
            new Message { Role = "user", Content = "What is this?", Images = [Png] },
            new Message { Role = "user", Content = "And the weather in Paris?" },
            new Message
            {
                Role = "assistant",
                Content = "Checking.",
                ToolCalls = [new ToolCall { Function = new ToolCallFunction { Name = "get_weather", Arguments = Upstream.Json("""{"city":"Paris"}""") } }],
            },
            new Message { Role = "tool", ToolName = "get_weather", Content = "18C, sunny" },
        ],
        Tools = [Weather],
        Options = new Dictionary<string, JsonElement>
        {
            ["num_predict"] = Upstream.Json("100"),
            ["temperature"] = Upstream.Json("0.5"),
            ["top_p"] = Upstream.Json("0.9"),
            ["top_k"] = Upstream.Json("40"),
            ["stop"] = Upstream.Json("""["END"]"""),
        },
    };

    [Fact]
    public async Task The_request_reaches_anthropic_in_the_messages_shape()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        var provider = Upstream.Create("anthropic", fake.BaseUri, headers: new Dictionary<string, string> { ["anthropic-beta"] = "tools-2024" });

        await Upstream.CollectAsync(provider, Conversation());

        var request = fake.LastRequest;
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(Upstream.Key, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Equal("tools-2024", request.Header("anthropic-beta"));
        Assert.Null(request.Header("authorization"));
        Assert.DoesNotContain(Upstream.Key, request.Body, StringComparison.Ordinal);

        var body = request.Json();
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("Be brief.", body.GetProperty("system").GetString());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.Equal(40, body.GetProperty("top_k").GetInt32());
        Assert.Equal("END", body.GetProperty("stop_sequences")[0].GetString());
        Assert.Equal(100, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("thinking", out _));

        var tool = body.GetProperty("tools")[0];
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("Weather for a city", tool.GetProperty("description").GetString());
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());

        var messages = body.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var user = messages[0];
        Assert.Equal("user", user.GetProperty("role").GetString());
        var blocks = user.GetProperty("content");
        Assert.Equal(3, blocks.GetArrayLength());
        Assert.Equal("image", blocks[0].GetProperty("type").GetString());
        Assert.Equal("base64", blocks[0].GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("image/png", blocks[0].GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal(Png, blocks[0].GetProperty("source").GetProperty("data").GetString());
        Assert.Equal("What is this?", blocks[1].GetProperty("text").GetString());
        Assert.Equal("And the weather in Paris?", blocks[2].GetProperty("text").GetString());

        var assistant = messages[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        Assert.Equal("Checking.", assistant.GetProperty("content")[0].GetProperty("text").GetString());
        var use = assistant.GetProperty("content")[1];
        Assert.Equal("tool_use", use.GetProperty("type").GetString());
        Assert.Equal("get_weather", use.GetProperty("name").GetString());
        Assert.Equal("Paris", use.GetProperty("input").GetProperty("city").GetString());
        var id = use.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));

        var result = messages[2];
        Assert.Equal("user", result.GetProperty("role").GetString());
        Assert.Equal("tool_result", result.GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal(id, result.GetProperty("content")[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("18C, sunny", result.GetProperty("content")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("true", 4096)]
    [InlineData("\"low\"", 1024)]
    [InlineData("\"medium\"", 4096)]
    [InlineData("\"high\"", 16384)]
    public async Task Think_becomes_a_thinking_budget_below_max_tokens_without_the_sampling_anthropic_refuses(string think, int budget)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);

        await Upstream.CollectAsync(Upstream.Create("anthropic", fake.BaseUri), Conversation() with { Think = Upstream.Json(think) });

        var body = fake.LastRequest.Json();
        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(budget, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.True(body.GetProperty("max_tokens").GetInt32() > budget);
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_k", out _));
        Assert.False(body.TryGetProperty("top_p", out _));
        Assert.Equal("END", body.GetProperty("stop_sequences")[0].GetString());
    }

    [Fact]
    public async Task Defaults_max_tokens_and_sends_format_as_a_json_instruction()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        var request = Upstream.Hello() with { Format = Upstream.Json("""{"type":"object","properties":{"n":{"type":"integer"}}}""") };

        await Upstream.CollectAsync(Upstream.Create("anthropic", fake.BaseUri), request);

        var body = fake.LastRequest.Json();
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("thinking", out _));
        var system = body.GetProperty("system").GetString()!;
        Assert.Contains("JSON", system, StringComparison.Ordinal);
        Assert.Contains("\"n\"", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_thinking_a_fragmented_tool_call_and_usage_come_back_as_native_chunks()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer
        {
            Thinking = "Let me think about it.",
            Text = "It is sunny in Paris.",
            ToolCall = new FakeToolCall("get_weather", """{"city":"Paris","days":3}""", "toolu_abc"),
            ArgumentFragments = 4,
            InputTokens = 120,
            CachedTokens = 100,
            OutputTokens = 33,
        };

        var chunks = await Upstream.CollectAsync(Upstream.Create("anthropic", fake.BaseUri), Upstream.Hello());

        Assert.Equal("Let me think about it.", Upstream.Thinking(chunks));
        Assert.Equal("It is sunny in Paris.", Upstream.Content(chunks));
        Assert.True(chunks.Count(c => !string.IsNullOrEmpty(c.Message.Content)) > 1);
        var call = Assert.Single(chunks.SelectMany(c => c.Message.ToolCalls ?? []));
        Assert.Equal("toolu_abc", call.Id);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("Paris", call.Function.Arguments!.Value.GetProperty("city").GetString());
        Assert.Equal(3, call.Function.Arguments!.Value.GetProperty("days").GetInt32());

        var last = chunks[^1];
        Assert.True(last.Done);
        Assert.Single(chunks, c => c.Done);
        Assert.Equal("stop", last.DoneReason);
        Assert.Equal(120, last.PromptEvalCount);
        Assert.Equal(100, last.PromptCacheCount);
        Assert.Equal(33, last.EvalCount);
        Assert.All(chunks, c => Assert.Equal("test-model", c.Model));
    }

    [Fact]
    public async Task A_base_url_that_already_ends_in_v1_is_not_doubled()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);

        await Upstream.CollectAsync(Upstream.Create("anthropic", new Uri(fake.BaseUri, "v1/")), Upstream.Hello());

        Assert.Equal("/v1/messages", fake.LastRequest.Path);
    }

    [Fact]
    public async Task Max_tokens_is_length()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { StopForLength = true };

        var chunks = await Upstream.CollectAsync(Upstream.Create("anthropic", fake.BaseUri), Upstream.Hello());

        Assert.Equal("length", chunks[^1].DoneReason);
    }

    [Fact]
    public async Task An_unknown_role_is_a_bad_request_thrown_from_the_enumerator()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        var provider = Upstream.Create("anthropic", fake.BaseUri);
        var stream = provider.StreamAsync(new ChatRequest { Model = "m", Messages = [new Message { Role = "wizard", Content = "x" }] }, TargetTimeouts.None, TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<UpstreamException>(async () => await stream.GetAsyncEnumerator(TestContext.Current.CancellationToken).MoveNextAsync());

        Assert.Equal(FailureClass.BadRequest, e.Failure);
        Assert.Equal(0, fake.RequestCount);
    }
}
