using System.Text;
using Corral.Routing.Upstreams;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

/// <summary><see cref="AnthropicProvider"/>'s count_tokens against a real loopback server.</summary>
public sealed class AnthropicCountTokensTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"model":"claude-test","messages":[{"role":"user","content":"Hi"}]}""");

    private static ITokenCounter Counter(FakeUpstream fake) => (ITokenCounter)Upstream.Create("anthropic", fake.BaseUri);

    [Fact]
    public async Task The_count_comes_from_the_upstreams_count_tokens_with_the_key_and_the_body_as_given()
    {
        await using var fake = await FakeUpstream.StartAsync(Ct);
        fake.Answer = new FakeAnswer { InputTokens = 1234 };

        var count = await Counter(fake).CountTokensAsync(Body, TargetTimeouts.None, Ct);

        Assert.Equal(1234, count);
        var request = fake.LastRequest;
        Assert.Equal("/v1/messages/count_tokens", request.Path);
        Assert.Equal(Upstream.Key, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Equal(Encoding.UTF8.GetString(Body), request.Body);
    }

    [Fact]
    public async Task Failures_are_classified_as_for_a_chat()
    {
        await using var fake = await FakeUpstream.StartAsync(Ct);
        var counter = Counter(fake);
        fake.Enqueue(FakeFault.RateLimited(7), FakeFault.BadRequest("messages: field required"), FakeFault.Overloaded(), FakeFault.Unauthorized());

        var limited = await Assert.ThrowsAsync<UpstreamException>(() => counter.CountTokensAsync(Body, TargetTimeouts.None, Ct));
        Assert.Equal((FailureClass.RateLimited, 429, TimeSpan.FromSeconds(7)), (limited.Failure, limited.Status, limited.RetryAfter));
        var bad = await Assert.ThrowsAsync<UpstreamException>(() => counter.CountTokensAsync(Body, TargetTimeouts.None, Ct));
        Assert.Equal(FailureClass.BadRequest, bad.Failure);
        Assert.Contains("messages: field required", bad.Message, StringComparison.Ordinal);
        Assert.Equal(FailureClass.Overloaded, (await Assert.ThrowsAsync<UpstreamException>(() => counter.CountTokensAsync(Body, TargetTimeouts.None, Ct))).Failure);
        var auth = await Assert.ThrowsAsync<UpstreamException>(() => counter.CountTokensAsync(Body, TargetTimeouts.None, Ct));
        Assert.Equal(FailureClass.AuthFailed, auth.Failure);
        Assert.DoesNotContain(Upstream.Key, auth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_token_budget_bounds_the_answer_and_a_refused_connection_is_connect_failed()
    {
        await using var fake = await FakeUpstream.StartAsync(Ct);
        fake.Enqueue(FakeFault.SlowHeaders(TimeSpan.FromSeconds(5)));

        var slow = await Assert.ThrowsAsync<UpstreamException>(() =>
            Counter(fake).CountTokensAsync(Body, new TargetTimeouts { FirstToken = TimeSpan.FromMilliseconds(300) }, Ct));
        Assert.Equal(FailureClass.FirstTokenTimeout, slow.Failure);

        var refused = (ITokenCounter)Upstream.Create("anthropic", FakeUpstream.RefusedUri());
        var down = await Assert.ThrowsAsync<UpstreamException>(() => refused.CountTokensAsync(Body, TargetTimeouts.None, Ct));
        Assert.Equal(FailureClass.ConnectFailed, down.Failure);
    }
}
