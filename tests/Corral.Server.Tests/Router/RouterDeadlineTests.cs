using System.Net;
using System.Text;
using System.Text.Json;
using Corral.Server.Routing;
using Corral.TestKit.Upstreams;

namespace Corral.Server.Tests.Router;

/// <summary><c>X-Corral-Timeout</c> on a route whose target is remote: the deadline cuts the upstream's stream as it
/// cuts a local model's, is recorded as <c>deadline</c>, and never makes the router try the next target.</summary>
public sealed class RouterDeadlineTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(bool stream)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json($$"""{"model":"gpt-4o-mini","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Say hello."}]}"""),
        };
        request.Headers.Add("X-Corral-Timeout", "1");
        return await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_deadline_before_the_upstreams_first_token_is_a_504_and_no_other_target_is_tried()
    {
        var anthropicBefore = fixture.Anthropic.RequestCount;
        fixture.OpenAI.Enqueue(FakeFault.SlowFirstEvent(TimeSpan.FromSeconds(20)));

        using var response = await PostAsync(stream: false);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.StartsWith("request timed out after 1s waiting for route 'gpt-4o-mini'", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var records = await fixture.RecordsAsync(response.Headers.GetValues(ChatGateway.RequestIdHeader).Single());
        var record = Assert.Single(records);
        Assert.Equal(("openai", "deadline", false), (record.Provider, record.ErrorClass, record.Served));
        Assert.Equal(anthropicBefore, fixture.Anthropic.RequestCount); // the fallback target was never asked
    }

    [Fact]
    public async Task A_deadline_mid_stream_ends_the_answer_with_the_reason_deadline()
    {
        fixture.OpenAI.Enqueue(FakeFault.StallAfter(3, TimeSpan.FromSeconds(20)));

        using var response = await PostAsync(stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToArray();
        Assert.Equal("[DONE]", events[^1]);
        Assert.Contains(events, e => e.Contains("\"content\":\"", StringComparison.Ordinal) && !e.Contains("\"content\":\"\"", StringComparison.Ordinal));
        var last = JsonDocument.Parse(events.Last(e => e.Contains("finish_reason\":\"", StringComparison.Ordinal))).RootElement.GetProperty("choices")[0];
        Assert.Equal("length", last.GetProperty("finish_reason").GetString());
        Assert.Equal("deadline", last.GetProperty("corral_stop_reason").GetString());

        var records = await fixture.RecordsAsync(response.Headers.GetValues(ChatGateway.RequestIdHeader).Single());
        var record = Assert.Single(records);
        Assert.Equal(("openai", "deadline", true), (record.Provider, record.ErrorClass, record.Served));
    }
}
