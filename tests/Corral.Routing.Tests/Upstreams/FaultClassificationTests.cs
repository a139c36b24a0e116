using Corral.Api.Models;
using Corral.Routing.Upstreams;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

public sealed class FaultClassificationTests
{
    public static TheoryData<string, string, FailureClass, int?> StatusFaults()
    {
        var data = new TheoryData<string, string, FailureClass, int?>();
        foreach (var kind in new[] { "anthropic", "openai" })
        {
            data.Add(kind, nameof(FakeFault.ServerError), FailureClass.ServerError, 500);
            data.Add(kind, nameof(FakeFault.Unavailable), FailureClass.ServerError, 503);
            data.Add(kind, nameof(FakeFault.Overloaded), FailureClass.Overloaded, 529);
            data.Add(kind, nameof(FakeFault.InsufficientQuota), FailureClass.QuotaExhausted, 429);
            data.Add(kind, nameof(FakeFault.CreditBalanceTooLow), FailureClass.QuotaExhausted, 400);
            data.Add(kind, nameof(FakeFault.PaymentRequired), FailureClass.QuotaExhausted, 402);
            data.Add(kind, nameof(FakeFault.Unauthorized), FailureClass.AuthFailed, 401);
            data.Add(kind, nameof(FakeFault.Forbidden), FailureClass.AuthFailed, 403);
            data.Add(kind, nameof(FakeFault.BadRequest), FailureClass.BadRequest, 400);
            data.Add(kind, nameof(FakeFault.NotFound), FailureClass.BadRequest, 404);
        }

        return data;
    }

    private static FakeFault Fault(string name) => name switch
    {
        nameof(FakeFault.ServerError) => FakeFault.ServerError(),
        nameof(FakeFault.Unavailable) => FakeFault.Unavailable(),
        nameof(FakeFault.Overloaded) => FakeFault.Overloaded(),
        nameof(FakeFault.InsufficientQuota) => FakeFault.InsufficientQuota(),
        nameof(FakeFault.CreditBalanceTooLow) => FakeFault.CreditBalanceTooLow(),
        nameof(FakeFault.PaymentRequired) => FakeFault.PaymentRequired(),
        nameof(FakeFault.Unauthorized) => FakeFault.Unauthorized(),
        nameof(FakeFault.Forbidden) => FakeFault.Forbidden(),
        nameof(FakeFault.BadRequest) => FakeFault.BadRequest(),
        nameof(FakeFault.NotFound) => FakeFault.NotFound(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(StatusFaults))]
    public async Task Status_faults_are_classified(string kind, string fault, FailureClass expected, int? status)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        var faultValue = Fault(fault);
        fake.Enqueue(faultValue);

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(expected, e.Failure);
        Assert.Equal(status, e.Status);
        Assert.StartsWith(kind + ": HTTP " + status, e.Message, StringComparison.Ordinal);
        Assert.Contains(faultValue.Message!, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Upstream.Key, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Rate_limit_honours_retry_after_in_seconds_dates_and_milliseconds(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(
            FakeFault.RateLimited(retryAfterSeconds: 17),
            FakeFault.RateLimitedUntil(DateTimeOffset.UtcNow.AddMinutes(2)),
            FakeFault.RateLimitedMs(1500),
            FakeFault.RateLimited());
        var provider = Upstream.Create(kind, fake.BaseUri);

        var seconds = await Upstream.FailAsync(provider, Upstream.Hello());
        var date = await Upstream.FailAsync(provider, Upstream.Hello());
        var millis = await Upstream.FailAsync(provider, Upstream.Hello());
        var none = await Upstream.FailAsync(provider, Upstream.Hello());

        Assert.All([seconds, date, millis, none], e => Assert.Equal(FailureClass.RateLimited, e.Failure));
        Assert.All([seconds, date, millis, none], e => Assert.Equal(429, e.Status));
        Assert.Equal(TimeSpan.FromSeconds(17), seconds.RetryAfter);
        Assert.InRange(date.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), millis.RetryAfter);
        Assert.Null(none.RetryAfter);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task An_in_band_overloaded_error_after_streaming_began_is_overloaded(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.ErrorEventAfter(4, "overloaded_error", "Overloaded"));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(FailureClass.Overloaded, e.Failure);
        Assert.Null(e.Status);
        Assert.Contains("Overloaded", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_stream_cut_halfway_is_stream_cut(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { Text = "one two three four five six" };
        fake.Enqueue(FakeFault.CutAfter(5));
        var chunks = new List<ChatResponse>();
        var provider = Upstream.Create(kind, fake.BaseUri);

        var e = await Assert.ThrowsAsync<UpstreamException>(async () =>
        {
            await foreach (var chunk in provider.StreamAsync(Upstream.Hello(), TargetTimeouts.None, TestContext.Current.CancellationToken))
            {
                chunks.Add(chunk);
            }
        });

        Assert.Equal(FailureClass.StreamCut, e.Failure);
        Assert.NotEmpty(chunks);
        Assert.DoesNotContain(chunks, c => c.Done);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_stream_ending_without_its_terminator_is_stream_cut(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.NoTerminator());

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(FailureClass.StreamCut, e.Failure);
        Assert.Contains("ended before the answer was complete", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_malformed_event_is_stream_cut(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.MalformedAfter(3));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(FailureClass.StreamCut, e.Failure);
        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Connection_refused_is_connect_failed(string kind)
    {
        var e = await Upstream.FailAsync(Upstream.Create(kind, FakeUpstream.RefusedUri()), Upstream.Hello());

        Assert.Equal(FailureClass.ConnectFailed, e.Failure);
        Assert.Null(e.Status);
        Assert.StartsWith(kind + ": cannot connect", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_key_echoed_by_the_upstream_never_reaches_the_message(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.HttpStatus(401, "authentication_error", $"Incorrect API key provided: {Upstream.Key}.", "invalid_api_key"));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(FailureClass.AuthFailed, e.Failure);
        Assert.DoesNotContain(Upstream.Key, e.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_redirect_is_not_followed_so_the_key_stays_home(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        await using var elsewhere = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.HttpStatus(307, "redirect", "moved", headers: new Dictionary<string, string> { ["Location"] = new Uri(elsewhere.BaseUri, "v1/messages").AbsoluteUri }));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello());

        Assert.Equal(FailureClass.ServerError, e.Failure);
        Assert.Equal(307, e.Status);
        Assert.Equal(0, elsewhere.RequestCount);
    }

    [Fact]
    public async Task Long_upstream_messages_are_trimmed_to_500_characters()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.HttpStatus(500, "api_error", new string('x', 5000)));

        var e = await Upstream.FailAsync(Upstream.Create("openai", fake.BaseUri), Upstream.Hello());

        Assert.InRange(e.Message.Length, 500, 600);
    }
}
