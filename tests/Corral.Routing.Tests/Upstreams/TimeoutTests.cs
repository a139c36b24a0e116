using Corral.Api.Models;
using Corral.Routing.Upstreams;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

/// <summary>Budgets against a real socket: short real budgets against much longer fake delays (behaviour, not speed).</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task No_headers_within_the_first_token_budget_is_first_token_timeout(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.SlowHeaders(Long));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello(), new TargetTimeouts { FirstToken = Budget });

        Assert.Equal(FailureClass.FirstTokenTimeout, e.Failure);
        Assert.Contains("200 ms", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Headers_but_no_event_within_the_first_token_budget_is_first_token_timeout(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.SlowFirstEvent(Long));

        var e = await Upstream.FailAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello(), new TargetTimeouts { FirstToken = Budget, Idle = Long });

        Assert.Equal(FailureClass.FirstTokenTimeout, e.Failure);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task Silence_after_the_first_token_is_idle_timeout(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { Text = "one two three four five six" };
        fake.Enqueue(FakeFault.StallAfter(6, Long));
        var chunks = new List<ChatResponse>();
        var provider = Upstream.Create(kind, fake.BaseUri);

        var e = await Assert.ThrowsAsync<UpstreamException>(async () =>
        {
            await foreach (var chunk in provider.StreamAsync(Upstream.Hello(), new TargetTimeouts { FirstToken = Long, Idle = Budget }, TestContext.Current.CancellationToken))
            {
                chunks.Add(chunk);
            }
        });

        Assert.Equal(FailureClass.IdleTimeout, e.Failure);
        Assert.NotEmpty(chunks);
        Assert.Contains("silent", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_slow_but_steady_stream_within_its_budgets_completes(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { Text = "a b c", TokenDelay = TimeSpan.FromMilliseconds(20) };

        var chunks = await Upstream.CollectAsync(Upstream.Create(kind, fake.BaseUri), Upstream.Hello(), new TargetTimeouts { FirstToken = Long, Idle = Long });

        Assert.Equal("a b c", Upstream.Content(chunks));
        Assert.True(chunks[^1].Done);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_slow_caller_is_not_an_idle_upstream(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { Text = "a b c" };
        var provider = Upstream.Create(kind, fake.BaseUri);
        var text = new System.Text.StringBuilder();

        await foreach (var chunk in provider.StreamAsync(Upstream.Hello(), new TargetTimeouts { FirstToken = Long, Idle = Budget }, TestContext.Current.CancellationToken))
        {
            text.Append(chunk.Message.Content);
            await Task.Delay(Budget * 2, TestContext.Current.CancellationToken);
        }

        Assert.Equal("a b c", text.ToString());
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task No_connection_within_the_connect_budget_is_connect_timeout(string kind)
    {
        using var hole = await FakeBlackhole.StartAsync(TestContext.Current.CancellationToken);

        var e = await Upstream.FailAsync(Upstream.Create(kind, hole.Uri), Upstream.Hello(), new TargetTimeouts { Connect = Budget, FirstToken = Long });

        Assert.Equal(FailureClass.ConnectTimeout, e.Failure);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task The_clients_cancellation_is_not_an_upstream_failure(string kind)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Enqueue(FakeFault.SlowFirstEvent(Long));
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        client.CancelAfter(Budget);
        var provider = Upstream.Create(kind, fake.BaseUri);

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in provider.StreamAsync(Upstream.Hello(), new TargetTimeouts { FirstToken = Long }, client.Token))
            {
            }
        });

        Assert.IsNotType<UpstreamException>(e);
    }
}
