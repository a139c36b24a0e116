using System.Net;
using System.Text;
using System.Text.Json;
using Corral.Server.Routing;
using Corral.TestKit.Upstreams;

namespace Corral.Server.Tests.Router;

/// <summary>Each fault of a real (fake) upstream on a real socket leads to the right next target, cooldown and log.</summary>
public sealed class RouterFaultTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    public static TheoryData<string, string, int?, bool> Faults => new()
    {
        // case, error class, status, whether the primary is cooled down afterwards (else it is tried again)
        { "e500", "server_error", 500, false },
        { "e503", "server_error", 503, false },
        { "e529", "overloaded", 529, false },
        { "e429", "rate_limited", 429, true },
        { "quota", "quota_exhausted", 429, true },
        { "billing", "quota_exhausted", 402, true },
        { "auth", "auth_failed", 401, true },
        { "slow", "first_token_timeout", null, false },
        { "refused", "connect_failed", null, false },
        { "cutearly", "stream_cut", null, false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_moves_on_to_the_next_target_with_the_right_reason_and_cooldown(string fault, string errorClass, int? status, bool cooled)
    {
        FakeFault? injected = fault switch
        {
            "e500" => FakeFault.ServerError(),
            "e503" => FakeFault.Unavailable(),
            "e529" => FakeFault.Overloaded(),
            "e429" => FakeFault.RateLimited(retryAfterSeconds: 20),
            "quota" => FakeFault.InsufficientQuota(),
            "billing" => FakeFault.PaymentRequired(),
            "auth" => FakeFault.Unauthorized(),
            "slow" => FakeFault.SlowFirstEvent(TimeSpan.FromSeconds(3)),
            "cutearly" => FakeFault.CutAfter(1),
            _ => null,
        };
        if (injected is not null)
        {
            fixture.Anthropic.Enqueue(injected);
        }

        var before = fixture.Anthropic.RequestCount;
        var first = await ChatAsync("f-" + fault);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("Answer from the OpenAI upstream.", first.Content);
        Assert.Equal("openai/gpt-" + fault, first.ServedBy);
        Assert.Equal("fallback:" + errorClass, first.Reason);
        var records = await fixture.RecordsAsync(first.RequestId);
        Assert.Collection(records,
            r =>
            {
                Assert.Equal((1, "primary", "a-" + fault, false, errorClass, status), (r.Attempt, r.Reason, r.Provider, r.Served, r.ErrorClass, r.Status));
                Assert.DoesNotContain("SECRET", r.Error ?? "", StringComparison.Ordinal);
            },
            r => Assert.Equal((2, "fallback:" + errorClass, "openai", true, (string?)null, 19, 6), (r.Attempt, r.Reason, r.Provider, r.Served, r.ErrorClass, r.TokensIn, r.TokensOut)));

        var second = await ChatAsync("f-" + fault);
        if (cooled)
        {
            Assert.Equal(("openai/gpt-" + fault, "fallback:cooldown"), (second.ServedBy, second.Reason));
            Assert.Single(await fixture.RecordsAsync(second.RequestId)); // a skipped target is not an attempt
        }
        else if (fault == "refused")
        {
            Assert.Equal(("openai/gpt-" + fault, "fallback:connect_failed"), (second.ServedBy, second.Reason));
        }
        else
        {
            Assert.Equal(($"a-{fault}/claude-{fault}", "primary"), (second.ServedBy, second.Reason)); // tried again, and it answers
            Assert.Equal("Answer from the Anthropic upstream.", second.Content);
        }

        var expectedRequests = fault == "refused" ? 0 : (cooled ? 1 : 2);
        Assert.Equal(expectedRequests, fixture.Anthropic.RequestCount - before);
    }

    [Fact]
    public async Task A_stream_cut_after_the_first_byte_is_an_in_band_error_not_a_silent_switch()
    {
        fixture.Anthropic.Enqueue(FakeFault.CutAfter(4));
        var openAIBefore = fixture.OpenAI.RequestCount;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anthropic/claude-test", response.Headers.GetValues(ChatGateway.ServedByHeader).Single());
        Assert.Contains("\"content\":\"", body, StringComparison.Ordinal);
        Assert.Contains("\"error\":{", body, StringComparison.Ordinal);
        Assert.Contains("stream_cut", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.Equal(openAIBefore, fixture.OpenAI.RequestCount); // never switched model mid-answer
        var record = Assert.Single(await fixture.RecordsAsync(response.Headers.GetValues(ChatGateway.RequestIdHeader).Single()));
        Assert.Equal((true, "stream_cut"), (record.Served, record.ErrorClass));
    }

    [Fact]
    public async Task No_request_is_lost_or_answered_twice_under_concurrent_faults()
    {
        const int Calls = 24;
        for (var i = 0; i < Calls / 2; i++)
        {
            fixture.Anthropic.Enqueue(i % 3 == 0 ? FakeFault.ServerError() : i % 3 == 1 ? FakeFault.Overloaded() : FakeFault.CutAfter(1));
        }

        var anthropicBefore = fixture.Anthropic.RequestCount;
        var openAIBefore = fixture.OpenAI.RequestCount;
        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => ChatAsync("smart")));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(Calls, results.Select(r => r.RequestId).Distinct().Count());
        var attempts = 0;
        foreach (var result in results)
        {
            var records = await fixture.RecordsAsync(result.RequestId);
            attempts += records.Count;
            Assert.Single(records, r => r.Served);
            Assert.Equal(result.ServedBy, $"{records.Single(r => r.Served).Provider}/{records.Single(r => r.Served).Model}");
            Assert.Equal(result.ServedBy.StartsWith("openai", StringComparison.Ordinal) ? "Answer from the OpenAI upstream." : "Answer from the Anthropic upstream.", result.Content);
        }

        // exactly one record per attempt: every request an upstream received is in the log, and nothing else
        Assert.Equal(attempts, fixture.Anthropic.RequestCount - anthropicBefore + fixture.OpenAI.RequestCount - openAIBefore);
        Assert.Equal(Calls / 2, results.Count(r => r.ServedBy.StartsWith("openai", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_local_model_answers_when_every_frontier_target_is_down()
    {
        var result = await ChatAsync("lastresort");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(("local/tiny", "fallback:connect_failed"), (result.ServedBy, result.Reason));
        var records = await fixture.RecordsAsync(result.RequestId);
        Assert.Equal("connect_failed", records[0].ErrorClass);
        Assert.True(records[1].TokensOut > 0);
        Assert.Equal(0m, records[1].CostUsd);
    }

    [Fact]
    public async Task Errors_keep_each_protocols_shape_when_every_target_fails()
    {
        fixture.OpenAI.Enqueue(FakeFault.ServerError(), FakeFault.ServerError(), FakeFault.ServerError());
        fixture.Anthropic.Enqueue(FakeFault.ServerError(), FakeFault.ServerError(), FakeFault.ServerError());

        using var openai = await fixture.Http.PostAsync("/v1/chat/completions",
            Json("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"""), TestContext.Current.CancellationToken);
        using var anthropic = await fixture.Http.PostAsync("/v1/messages",
            Json("""{"model":"gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"""), TestContext.Current.CancellationToken);
        using var native = await fixture.Http.PostAsync("/api/chat",
            Json("""{"model":"gpt-4o-mini","stream":false,"messages":[{"role":"user","content":"hi"}]}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, openai.StatusCode);
        var openaiError = JsonDocument.Parse(await openai.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal("upstream_error", openaiError.GetProperty("code").GetString());
        Assert.Contains("openai/gpt-test: server_error (500)", openaiError.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadGateway, anthropic.StatusCode);
        var anthropicBody = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("error", anthropicBody.GetProperty("type").GetString());
        Assert.Equal("api_error", anthropicBody.GetProperty("error").GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.BadGateway, native.StatusCode);
        var nativeBody = await native.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("every target failed", nativeBody, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", nativeBody + openaiError + anthropicBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), nativeBody, StringComparison.Ordinal);
    }

    private async Task<ChatResult> ChatAsync(string model)
    {
        using var response = await fixture.Http.PostAsync("/v1/chat/completions",
            Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello."}]}"""), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        var content = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        return new ChatResult(response.StatusCode, content,
            response.Headers.GetValues(ChatGateway.RequestIdHeader).Single(),
            response.Headers.GetValues(ChatGateway.ServedByHeader).Single(),
            response.Headers.GetValues(ChatGateway.RouteReasonHeader).Single());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private sealed record ChatResult(HttpStatusCode Status, string Content, string RequestId, string ServedBy, string Reason);
}
