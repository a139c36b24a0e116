using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Corral.Server.Routing;
using OpenAI;
using OpenAI.Chat;

namespace Corral.Server.Tests.Router;

/// <summary><c>metadata.task</c> picks the fast path as the <c>X-Corral-Task</c> header does (the header wins), on every
/// protocol that has metadata; metadata is validated and bounded, and a plain local model accepts and ignores it.</summary>
public sealed class RouterMetadataTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OpenAIClient OpenAIClient => new(new ApiKeyCredential("corral"),
        new OpenAIClientOptions { Endpoint = new Uri(fixture.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(1) });

    private AnthropicClient AnthropicClient => new() { BaseUrl = fixture.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    [Fact]
    public async Task OpenAI_sdk_metadata_task_takes_the_fast_path_and_is_logged()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        options.Metadata.Add("task", "classify");
        options.Metadata.Add("team", "support");
        var before = fixture.Anthropic.RequestCount;

        var result = await OpenAIClient.GetChatClient("triage").CompleteChatAsync([new UserChatMessage("Is this spam?")], options, Ct);

        var raw = result.GetRawResponse();
        Assert.Equal("local/tiny", raw.Headers.TryGetValue(ChatGateway.ServedByHeader, out var servedBy) ? servedBy : null);
        Assert.Equal("fast_path:task=classify", raw.Headers.TryGetValue(ChatGateway.RouteReasonHeader, out var reason) ? reason : null);
        Assert.Equal(before, fixture.Anthropic.RequestCount);
        Assert.True(raw.Headers.TryGetValue(ChatGateway.RequestIdHeader, out var requestId));
        var record = Assert.Single(await fixture.RecordsAsync(requestId!));
        Assert.Equal(("local", "tiny", "classify"), (record.Provider, record.Model, record.Task));
    }

    [Fact]
    public async Task Responses_metadata_task_takes_the_fast_path_and_the_metadata_is_echoed()
    {
        using var response = await PostAsync("/v1/responses",
            """{"model":"triage","input":"Is this spam?","max_output_tokens":5,"metadata":{"task":"classify","ticket":"T-1"}}""");

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("local/tiny", response.Headers.GetValues(ChatGateway.ServedByHeader).Single());
        Assert.Equal("fast_path:task=classify", response.Headers.GetValues(ChatGateway.RouteReasonHeader).Single());
        var metadata = JsonDocument.Parse(body).RootElement.GetProperty("metadata");
        Assert.Equal("classify", metadata.GetProperty("task").GetString());
        Assert.Equal("T-1", metadata.GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task The_header_wins_over_metadata()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"triage","max_tokens":5,"metadata":{"task":"classify"},"messages":[{"role":"user","content":"Draft a reply."}]}"""),
        };
        request.Headers.Add(ChatGateway.TaskHeader, "draft");
        using var response = await fixture.Http.SendAsync(request, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("anthropic/claude-test", response.Headers.GetValues(ChatGateway.ServedByHeader).Single());
        Assert.Equal("primary", response.Headers.GetValues(ChatGateway.RouteReasonHeader).Single());
        var record = Assert.Single(await fixture.RecordsAsync(response.Headers.GetValues(ChatGateway.RequestIdHeader).Single()));
        Assert.Equal("draft", record.Task);
    }

    [Fact]
    public async Task Anthropic_metadata_takes_user_id_and_a_task()
    {
        using var response = await PostAsync("/v1/messages",
            """{"model":"triage","max_tokens":5,"metadata":{"user_id":"u-123","task":"classify"},"messages":[{"role":"user","content":"Is this spam?"}]}""");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("local/tiny", response.Headers.GetValues(ChatGateway.ServedByHeader).Single());
        Assert.Equal("fast_path:task=classify", response.Headers.GetValues(ChatGateway.RouteReasonHeader).Single());

        // The SDK's own metadata (user_id only) is accepted on a route, and without a task the route's primary answers.
        var before = fixture.Anthropic.RequestCount;
        var message = await AnthropicClient.Messages.Create(new MessageCreateParams
        {
            Model = "triage",
            MaxTokens = 5,
            Metadata = new Metadata { UserID = "u-123" },
            Messages = [new UserMessageParam { Content = "Is this spam?" }],
        }, Ct);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Answer from the Anthropic upstream.", text!.Text);
        Assert.Equal(before + 1, fixture.Anthropic.RequestCount);
        var sent = fixture.Anthropic.LastRequest.Json();
        Assert.Equal("claude-test", sent.GetProperty("model").GetString());
        Assert.False(sent.TryGetProperty("metadata", out _)); // nothing of the client's metadata travels upstream
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"triage","metadata":{"task":7},"messages":[{"role":"user","content":"hi"}]}""", "metadata.task", "metadata.task must be a string")]
    [InlineData("/v1/chat/completions", """{"model":"triage","metadata":["task"],"messages":[{"role":"user","content":"hi"}]}""", "metadata", "metadata must be an object")]
    [InlineData("/v1/responses", """{"model":"triage","input":"hi","metadata":{"note":"LONG"}}""", "metadata.note", "metadata.note must be at most 512 characters, not 513")]
    [InlineData("/v1/responses", """{"model":"tiny","input":"hi","metadata":{"KEY":"v"}}""", "metadata", "metadata keys must be at most 64 characters")]
    [InlineData("/v1/chat/completions", """{"model":"tiny","metadata":MANY,"messages":[{"role":"user","content":"hi"}]}""", "metadata", "metadata may hold at most 16 keys")]
    public async Task OpenAI_metadata_out_of_bounds_is_a_400_naming_the_field(string path, string body, string param, string message)
    {
        body = body.Replace("LONG", new string('x', 513), StringComparison.Ordinal)
            .Replace("KEY", new string('k', 65), StringComparison.Ordinal)
            .Replace("MANY", "{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}", StringComparison.Ordinal);
        using var response = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"user_id":"u","team":"x"}""", "metadata.team: Extra inputs are not permitted")]
    [InlineData("""{"user_id":5}""", "metadata.user_id: Input should be a valid string")]
    [InlineData("""{"task":"LONG"}""", "metadata.task: String should have at most 512 characters")]
    [InlineData("\"u-1\"", "metadata: Input should be a valid dictionary")]
    public async Task Anthropic_metadata_out_of_bounds_is_an_invalid_request_error(string metadata, string message)
    {
        metadata = metadata.Replace("LONG", new string('x', 513), StringComparison.Ordinal);
        using var response = await PostAsync("/v1/messages",
            $$"""{"model":"triage","max_tokens":5,"metadata":{{metadata}},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_header_longer_than_512_characters_is_refused_on_a_route()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"triage","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add(ChatGateway.TaskHeader, new string('t', 513));
        using var response = await fixture.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Corral-Task must be at most 512 characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_local_model_accepts_metadata_and_ignores_it()
    {
        using var chat = await PostAsync("/v1/chat/completions",
            """{"model":"tiny","max_tokens":3,"metadata":{"task":"classify"},"messages":[{"role":"user","content":"hi"}]}""");
        using var responses = await PostAsync("/v1/responses", """{"model":"tiny","max_output_tokens":3,"input":"hi","metadata":{"task":"classify"}}""");
        using var messages = await PostAsync("/v1/messages",
            """{"model":"tiny","max_tokens":3,"metadata":{"user_id":"u","task":"classify"},"messages":[{"role":"user","content":"hi"}]}""");

        foreach (var response in new[] { chat, responses, messages })
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            Assert.False(response.Headers.Contains(ChatGateway.ServedByHeader));
            Assert.False(response.Headers.Contains("X-Corral-Ignored-Params"));
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) => fixture.Http.PostAsync(path, Json(body), Ct);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
