using System.ClientModel;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;
using Corral.Server.Routing;
using Corral.TestKit.Upstreams;
using OllamaSharp;
using OpenAI;
using OpenAI.Chat;

namespace Corral.Server.Tests.Router;

/// <summary>The official SDKs talk to routes as if they were the frontier APIs; the router translates between
/// protocols (OpenAI-shaped request to an Anthropic upstream and back, streaming included).</summary>
public sealed class RouterSdkTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OpenAIClient OpenAIClient => new(new ApiKeyCredential("corral"),
        new OpenAIClientOptions { Endpoint = new Uri(fixture.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(1) });

    private AnthropicClient AnthropicClient => new() { BaseUrl = fixture.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    [Fact]
    public async Task OpenAI_sdk_streams_from_an_anthropic_upstream()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in OpenAIClient.GetChatClient("smart").CompleteChatStreamingAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Say hello.")],
            new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 50 }, Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        Assert.Equal("Answer from the Anthropic upstream.", text.ToString());
        var sent = fixture.Anthropic.LastRequest;
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal(RouterFixture.AnthropicKey, sent.Header("x-api-key"));
        var body = sent.Json();
        Assert.Equal("claude-test", body.GetProperty("model").GetString());
        Assert.Equal("Be brief.", body.GetProperty("system").ValueKind == JsonValueKind.String
            ? body.GetProperty("system").GetString()
            : body.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Null(sent.Header("authorization")); // the OpenAI key is not sent to Anthropic
    }

    [Fact]
    public async Task Anthropic_sdk_gets_an_openai_upstreams_answer_as_a_message()
    {
        var message = await AnthropicClient.Messages.Create(new MessageCreateParams
        {
            Model = "gpt-4o-mini",
            MaxTokens = 30,
            Messages = [new UserMessageParam { Content = "Say hello." }],
        }, Ct);

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Answer from the OpenAI upstream.", text!.Text);
        Assert.Equal(19, message.Usage.InputTokens);
        Assert.Equal(6, message.Usage.OutputTokens);
        var sent = fixture.OpenAI.LastRequest;
        Assert.Equal("Bearer " + RouterFixture.OpenAIKey, sent.Header("authorization"));
        Assert.Equal("gpt-test", sent.Json().GetProperty("model").GetString());
        Assert.Null(sent.Header("x-api-key"));
    }

    [Fact]
    public async Task Anthropic_sdk_streams_under_a_frontier_models_own_name()
    {
        var text = new StringBuilder();
        await foreach (var e in AnthropicClient.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 30,
            Messages = [new UserMessageParam { Content = "Say hello." }],
        }, Ct))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var t))
            {
                text.Append(t!.Text);
            }
        }

        Assert.Equal("Answer from the Anthropic upstream.", text.ToString());
        Assert.Equal("claude-sonnet-4-5", fixture.Anthropic.LastRequest.Json().GetProperty("model").GetString());
    }

    [Fact]
    public async Task OllamaSharp_chats_with_a_route()
    {
        var client = new OllamaApiClient(new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = TimeSpan.FromMinutes(1) });
        var text = new StringBuilder();
        await foreach (var part in client.ChatAsync(new OllamaSharp.Models.Chat.ChatRequest
        {
            Model = "gpt-4o-mini",
            Messages = [new OllamaSharp.Models.Chat.Message(OllamaSharp.Models.Chat.ChatRole.User, "Say hello.")],
        }, Ct))
        {
            text.Append(part?.Message.Content);
        }

        Assert.Equal("Answer from the OpenAI upstream.", text.ToString());
    }

    [Fact]
    public async Task A_tool_call_from_an_anthropic_upstream_reaches_the_openai_sdk()
    {
        var answer = fixture.Anthropic.Answer;
        fixture.Anthropic.Answer = answer with { Text = "", ToolCall = new FakeToolCall("get_weather", """{"city":"Paris","unit":"c"}""", "toolu_01") };
        try
        {
            var tool = ChatTool.CreateFunctionTool("get_weather", "Weather in a city",
                BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}"""));
            var result = await OpenAIClient.GetChatClient("claude-sonnet-4-5").CompleteChatAsync(
                [new UserChatMessage("Weather in Paris?")], new ChatCompletionOptions { Tools = { tool } }, Ct);

            Assert.Equal(ChatFinishReason.ToolCalls, result.Value.FinishReason);
            var call = Assert.Single(result.Value.ToolCalls);
            Assert.Equal("get_weather", call.FunctionName);
            Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());
            var sentTool = fixture.Anthropic.LastRequest.Json().GetProperty("tools")[0];
            Assert.Equal("get_weather", sentTool.GetProperty("name").GetString());
            Assert.Equal("object", sentTool.GetProperty("input_schema").GetProperty("type").GetString());
        }
        finally
        {
            fixture.Anthropic.Answer = answer;
        }
    }

    [Fact]
    public async Task A_task_header_takes_the_fast_path_to_the_local_model()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "triage", max_tokens = 8, messages = new[] { new { role = "user", content = "Is this spam?" } } }),
        };
        request.Headers.Add(ChatGateway.TaskHeader, "classify");
        var before = fixture.Anthropic.RequestCount;
        using var response = await fixture.Http.SendAsync(request, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("local/tiny", response.Headers.GetValues(ChatGateway.ServedByHeader).Single());
        Assert.Equal("fast_path:task=classify", response.Headers.GetValues(ChatGateway.RouteReasonHeader).Single());
        Assert.Equal(before, fixture.Anthropic.RequestCount);
        var record = Assert.Single(await fixture.RecordsAsync(response.Headers.GetValues(ChatGateway.RequestIdHeader).Single()));
        Assert.Equal(("local", "tiny", true), (record.Provider, record.Model, record.Served));
    }

    [Fact]
    public async Task A_shadowed_call_returns_the_primary_answer_and_logs_the_pair()
    {
        var result = await OpenAIClient.GetChatClient("shadowed").CompleteChatAsync([new UserChatMessage("Say hello.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 8 }, Ct);
        Assert.Equal("Answer from the OpenAI upstream.", result.Value.Content[0].Text);

        await fixture.Router.DrainShadowsAsync();
        var records = (await fixture.AllRecordsAsync()).Where(r => r.Route == "shadowed").ToArray();
        var primary = Assert.Single(records, r => r.Reason == "primary");
        var shadow = Assert.Single(records, r => r.Reason == "shadow");
        Assert.NotNull(primary.PairId);
        Assert.Equal(primary.PairId, shadow.PairId);
        Assert.Equal(("local", "tiny", false), (shadow.Provider, shadow.Model, shadow.Served));
        Assert.True(shadow.TokensOut > 0);
        Assert.Equal(primary.PromptHash, shadow.PromptHash);
    }

    [Fact]
    public async Task The_log_endpoint_serves_the_records_of_routed_calls()
    {
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), Ct);
        var requestId = response.Headers.GetValues(ChatGateway.RequestIdHeader).Single();
        await fixture.RecordsAsync(requestId); // flushes the background writer

        using var log = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/router/log?request_id={requestId}", Ct));
        var record = Assert.Single(log.RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal("gpt-4o-mini", record.GetProperty("route").GetString());
        Assert.Equal("openai", record.GetProperty("provider").GetString());
        Assert.True(record.GetProperty("served").GetBoolean());
        Assert.Equal(64, record.GetProperty("output_hash").GetString()!.Length);
        Assert.False(record.TryGetProperty("output", out _)); // content is hashed unless configured

        using var bad = await fixture.Http.GetAsync("/api/router/log?limit=-1", Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Routes_are_listed_as_models()
    {
        var models = await OpenAIClient.GetOpenAIModelClient().GetModelsAsync(Ct);
        Assert.Contains(models.Value, m => m.Id == "smart");
        Assert.Contains(models.Value, m => m.Id == "tiny:latest");
        Assert.Contains(models.Value, m => m.Id == "smart" && m.OwnedBy == "corral-router");
    }

    [Fact]
    public async Task Routes_are_listed_as_models_to_the_anthropic_sdk()
    {
        var ids = new List<string>();
        await foreach (var model in (await AnthropicClient.Models.List(new ModelListParams(), Ct)).Paginate(Ct))
        {
            ids.Add(model.ID);
        }

        Assert.Contains("smart", ids);
        Assert.Contains("tiny:latest", ids);
        var route = await AnthropicClient.Models.Retrieve("smart", new ModelRetrieveParams(), Ct);
        Assert.Equal(("smart", "smart"), (route.ID, route.DisplayName));
    }
}
