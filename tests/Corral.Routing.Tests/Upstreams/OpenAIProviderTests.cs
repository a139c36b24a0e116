using System.Text.Json;
using Corral.Api.Models;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

public sealed class OpenAIProviderTests
{
    private const string Jpeg = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=";

    private static ChatRequest Conversation() => new()
    {
        Model = "gpt-4o-mini",
        Messages =
        [
            new Message { Role = "system", Content = "Be brief." },
            new Message { Role = "user", Content = "What is this?", Images = [Jpeg] },
            new Message
            {
                Role = "assistant",
                Content = "",
                ToolCalls = [new ToolCall { Id = "call_1", Function = new ToolCallFunction { Name = "get_weather", Arguments = Upstream.Json("""{"city":"Paris"}""") } }],
            },
            new Message { Role = "tool", ToolCallId = "call_1", Content = "18C" },
        ],
        Tools =
        [
            new Tool { Function = new ToolFunction { Name = "get_weather", Description = "Weather", Parameters = Upstream.Json("""{"type":"object"}""") } },
        ],
        Format = Upstream.Json("""{"type":"object","properties":{"a":{"type":"string"}}}"""),
        Options = new Dictionary<string, JsonElement>
        {
            ["num_predict"] = Upstream.Json("64"),
            ["temperature"] = Upstream.Json("0.2"),
            ["top_p"] = Upstream.Json("0.8"),
            ["seed"] = Upstream.Json("42"),
            ["stop"] = Upstream.Json("\"STOP\""),
            ["presence_penalty"] = Upstream.Json("0.1"),
            ["frequency_penalty"] = Upstream.Json("0.3"),
        },
        Think = Upstream.Json("\"low\""),
    };

    [Fact]
    public async Task The_request_reaches_openai_in_the_chat_completions_shape()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);

        await Upstream.CollectAsync(Upstream.Create("openai", fake.BaseUri), Conversation());

        var request = fake.LastRequest;
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + Upstream.Key, request.Header("authorization"));
        Assert.Null(request.Header("x-api-key"));
        Assert.DoesNotContain(Upstream.Key, request.Body, StringComparison.Ordinal);

        var body = request.Json();
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.8, body.GetProperty("top_p").GetDouble());
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
        Assert.Equal("STOP", body.GetProperty("stop")[0].GetString());
        Assert.Equal(0.1, body.GetProperty("presence_penalty").GetDouble());
        Assert.Equal(0.3, body.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal("low", body.GetProperty("reasoning_effort").GetString());
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(format.GetProperty("json_schema").GetProperty("name").GetString()));
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("function", body.GetProperty("tools")[0].GetProperty("type").GetString());

        var messages = body.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Be brief.", messages[0].GetProperty("content").GetString());
        var parts = messages[1].GetProperty("content");
        Assert.Equal("text", parts[0].GetProperty("type").GetString());
        Assert.Equal("image_url", parts[1].GetProperty("type").GetString());
        Assert.Equal("data:image/jpeg;base64," + Jpeg, parts[1].GetProperty("image_url").GetProperty("url").GetString());
        var call = messages[2].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, call.GetProperty("function").GetProperty("arguments").ValueKind);
        Assert.Equal("Paris", Upstream.Json(call.GetProperty("function").GetProperty("arguments").GetString()!).GetProperty("city").GetString());
        Assert.Equal("tool", messages[3].GetProperty("role").GetString());
        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("18C", messages[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Json_format_is_json_object_and_no_key_sends_no_authorization()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        var config = Upstream.Config("openai", fake.BaseUri) with { ApiKey = null };
        var provider = Routing.Upstreams.ChatProviders.Create(config, null, TimeProvider.System);

        await Upstream.CollectAsync(provider, Upstream.Hello() with { Format = Upstream.Json("\"json\"") });

        Assert.Equal("json_object", fake.LastRequest.Json().GetProperty("response_format").GetProperty("type").GetString());
        Assert.Null(fake.LastRequest.Header("authorization"));
    }

    [Fact]
    public async Task Text_reasoning_a_fragmented_tool_call_and_usage_come_back_as_native_chunks()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer
        {
            Thinking = "Hmm, weather.",
            Text = "Let me check the weather.",
            ToolCall = new FakeToolCall("get_weather", """{"city":"Paris","unit":"C"}""", "call_xyz"),
            ArgumentFragments = 5,
            InputTokens = 50,
            CachedTokens = 32,
            OutputTokens = 21,
        };

        var chunks = await Upstream.CollectAsync(Upstream.Create("openai", fake.BaseUri), Upstream.Hello());

        Assert.Equal("Hmm, weather.", Upstream.Thinking(chunks));
        Assert.Equal("Let me check the weather.", Upstream.Content(chunks));
        var call = Assert.Single(chunks.SelectMany(c => c.Message.ToolCalls ?? []));
        Assert.Equal("call_xyz", call.Id);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("C", call.Function.Arguments!.Value.GetProperty("unit").GetString());

        var last = chunks[^1];
        Assert.True(last.Done);
        Assert.Single(chunks, c => c.Done);
        Assert.Equal("stop", last.DoneReason);
        Assert.Equal(50, last.PromptEvalCount);
        Assert.Equal(32, last.PromptCacheCount);
        Assert.Equal(21, last.EvalCount);
    }

    [Fact]
    public async Task Length_is_length()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { StopForLength = true };

        var chunks = await Upstream.CollectAsync(Upstream.Create("openai", fake.BaseUri), Upstream.Hello());

        Assert.Equal("length", chunks[^1].DoneReason);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Fifty_concurrent_streams_all_complete(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.RecordBodies = false;
        fake.Answer = new FakeAnswer { Text = "one two three four five", TokenDelay = TimeSpan.FromMilliseconds(5) };
        var provider = Upstream.Create(kind, fake.BaseUri);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Upstream.CollectAsync(provider, Upstream.Hello())));

        Assert.All(answers, chunks => Assert.Equal("one two three four five", Upstream.Content(chunks)));
        Assert.Equal(50, fake.RequestCount);
        Assert.Empty(fake.Requests);
    }
}
