using Corral.Core.Errors;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Tests.Router;

public sealed class FallbackTests
{
    [Fact]
    public async Task Primary_answers_and_one_record_says_so()
    {
        await using var h = new RouterHarness();
        var result = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("ok ", result.Text);
        Assert.Equal("anthropic", result.Served!.Provider);
        Assert.Equal("claude", h.Anthropic.Requests.Single().Model); // the virtual name is replaced by the target's id
        var record = Assert.Single(result.Records);
        Assert.Equal(("primary", true, null), (record.Reason, record.Served, record.ErrorClass));
        Assert.Equal(("smart", "anthropic", "claude", "openai"), (record.Route, record.Provider, record.Model, record.Protocol));
        Assert.Equal((100, 20, 10), (record.TokensIn, record.TokensOut, record.TokensCached));
        Assert.Equal("stop", record.FinishReason);
        Assert.Equal((90 * 3m + 10 * 0.3m + 20 * 15m) / 1_000_000m, record.CostUsd);
        Assert.Null(record.CostAvoidedUsd);
        Assert.NotNull(record.PromptHash);
        Assert.Null(record.Prompt); // content is hashed unless configured
        Assert.Equal(0, h.OpenAI.Calls + h.Local.Calls);
    }

    [Theory]
    [InlineData(FailureClass.ConnectFailed, null)]
    [InlineData(FailureClass.ConnectTimeout, null)]
    [InlineData(FailureClass.FirstTokenTimeout, null)]
    [InlineData(FailureClass.ServerError, 500)]
    [InlineData(FailureClass.Overloaded, 529)]
    [InlineData(FailureClass.RateLimited, 429)]
    [InlineData(FailureClass.QuotaExhausted, 429)]
    [InlineData(FailureClass.AuthFailed, 401)]
    public async Task Each_failure_before_the_first_token_moves_on_invisibly(FailureClass failure, int? status)
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(failure, status));

        var result = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("ok ", result.Text);
        Assert.Equal(("openai", "fallback:" + failure.Name()), (result.Served!.Provider, result.Served.Reason));
        Assert.Collection(result.Records,
            r => Assert.Equal((1, "primary", false, failure.Name(), status), (r.Attempt, r.Reason, r.Served, r.ErrorClass, r.Status)),
            r => Assert.Equal((2, "fallback:" + failure.Name(), true, (string?)null), (r.Attempt, r.Reason, r.Served, r.ErrorClass)));
        Assert.Equal(1, h.Anthropic.Calls);
        Assert.Equal(1, h.OpenAI.Calls);
    }

    [Fact]
    public async Task A_bad_request_is_not_sent_elsewhere()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.BadRequest, 400));

        var error = await Assert.ThrowsAsync<CorralException>(() => h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.BadRequest, error.Kind);
        Assert.Equal(0, h.OpenAI.Calls + h.Local.Calls);
        Assert.Equal("bad_request", Assert.Single(h.Log.Records).ErrorClass);
    }

    [Fact]
    public async Task Rate_limit_honours_retry_after_then_the_target_is_tried_again()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.RateLimited, 429, TimeSpan.FromSeconds(7)));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);

        h.Anthropic.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, "back", ct);
        var during = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("openai", "fallback:cooldown"), (during.Served!.Provider, during.Served.Reason));
        Assert.Single(during.Records); // a skipped target is not an attempt
        Assert.Equal(1, h.Anthropic.Calls);

        h.Time.Advance(TimeSpan.FromSeconds(7));
        var after = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("anthropic", "primary"), (after.Served!.Provider, after.Served.Reason));
    }

    [Fact]
    public async Task Rate_limit_without_retry_after_uses_the_short_cooldown_and_caps_long_ones()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.RateLimited, 429));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromSeconds(29));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, h.Anthropic.Calls);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, h.Anthropic.Calls);

        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.RateLimited, 429, TimeSpan.FromDays(1)));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, h.Anthropic.Calls); // Retry-After of a day was capped at max_retry_after (10m)
    }

    [Fact]
    public async Task Exhausted_quota_cools_the_whole_provider_for_long()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, Configuration.RouteConfig>(c.Routes)
            {
                ["cheap"] = new() { Name = "cheap", Targets = [RouterHarness.Target("anthropic", "claude-haiku"), RouterHarness.Target("local", "qwen")] },
            },
        });
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.QuotaExhausted, 429));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);

        var other = await h.CallAsync(RouterHarness.Request("cheap"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("local", "fallback:cooldown"), (other.Served!.Provider, other.Served.Reason));
        Assert.Equal(1, h.Anthropic.Calls); // the other model of the same key was not tried

        h.Time.Advance(TimeSpan.FromMinutes(59));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, h.Anthropic.Calls);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, h.Anthropic.Calls);
    }

    [Fact]
    public async Task Circuit_opens_after_consecutive_failures_and_one_half_open_probe_closes_it()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.ServerError, 503));
        for (var i = 0; i < 3; i++)
        {
            await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, h.Anthropic.Calls); // open: the fourth call skipped it

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource();
        h.Anthropic.Behaviour = (r, ct) => Slow(gate.Task, r.Model!, ct);
        var probe = h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        var meanwhile = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("openai", meanwhile.Served!.Provider); // only one probe at a time
        gate.SetResult();
        Assert.Equal("anthropic", (await probe).Served!.Provider);

        var closed = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("anthropic", "primary"), (closed.Served!.Provider, closed.Served.Reason));
    }

    [Fact]
    public async Task A_failed_probe_opens_the_circuit_again()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.ConnectFailed));
        for (var i = 0; i < 3; i++)
        {
            await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken); // the probe, fails
        await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, h.Anthropic.Calls);
    }

    [Fact]
    public async Task Local_targets_are_never_cooled_down()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, Configuration.RouteConfig>
            {
                ["smart"] = new() { Name = "smart", Targets = [RouterHarness.Target("local", "qwen"), RouterHarness.Target("openai", "gpt")] },
            },
        });
        h.Local.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.LocalFailed));
        for (var i = 0; i < 5; i++)
        {
            var result = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("fallback:local_failed", result.Served!.Reason);
        }

        Assert.Equal(5, h.Local.Calls);
    }

    [Fact]
    public async Task A_passed_deadline_ends_the_call_without_falling_back()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, Configuration.RouteConfig>
            {
                ["smart"] = new() { Name = "smart", Targets = [RouterHarness.Target("local", "qwen"), RouterHarness.Target("openai", "gpt")] },
            },
        });
        h.Local.Behaviour = (_, _) => TimesOut();

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal(1, h.Local.Calls);
        Assert.Equal(0, h.OpenAI.Calls);

        static async IAsyncEnumerable<Corral.Api.Models.ChatResponse> TimesOut()
        {
            await Task.Yield();
            throw new RequestTimeoutException(TimeSpan.FromSeconds(2), "waiting for model 'qwen'");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }

    [Fact]
    public async Task Every_target_failing_is_an_upstream_error_naming_each_attempt()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.Overloaded, 529));
        h.OpenAI.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.ServerError, 500));
        h.Local.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.LocalFailed));

        var error = await Assert.ThrowsAsync<CorralException>(() => h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.Upstream, error.Kind);
        Assert.Contains("anthropic/claude: overloaded (529)", error.Message, StringComparison.Ordinal);
        Assert.Contains("openai/gpt: server_error (500)", error.Message, StringComparison.Ordinal);
        Assert.Contains("local/qwen: local_failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Log.Records.Count);
        Assert.DoesNotContain(h.Log.Records, r => r.Served);
    }

    [Fact]
    public async Task Every_target_cooling_down_is_busy()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, Configuration.RouteConfig>
            {
                ["smart"] = new() { Name = "smart", Targets = [RouterHarness.Target("anthropic", "claude")] },
            },
        });
        h.Anthropic.Behaviour = (_, _) => FakeProvider.Fail(RouterHarness.Error(FailureClass.RateLimited, 429, TimeSpan.FromSeconds(5)));
        var first = await Assert.ThrowsAsync<CorralException>(() => h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.Upstream, first.Kind);

        var second = await Assert.ThrowsAsync<CorralException>(() => h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ErrorKind.Busy, second.Kind);
        Assert.Contains("cooling down (rate_limited)", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_the_first_token_is_a_typed_error_never_a_switch_of_model()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (r, _) => FakeProvider.CutAfterTwo(r.Model!);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<CorralException>(async () =>
        {
            await foreach (var chunk in h.Router.ChatAsync(RouterHarness.Request(), new Calls.CallInfo { Protocol = "ollama" }, TestContext.Current.CancellationToken))
            {
                received.Add(chunk.Message.Content);
            }
        });

        Assert.Equal(ErrorKind.Upstream, error.Kind);
        Assert.Contains("stream_cut", error.Message, StringComparison.Ordinal);
        Assert.Equal(["one ", "two "], received);
        Assert.Equal(0, h.OpenAI.Calls + h.Local.Calls);
        var record = Assert.Single(h.Log.Records);
        Assert.Equal((true, "stream_cut"), (record.Served, record.ErrorClass));
    }

    [Fact]
    public async Task A_client_leaving_mid_answer_is_recorded_once()
    {
        await using var h = new RouterHarness();
        h.Anthropic.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, "a b c d e f", ct);
        var info = new Calls.CallInfo { Protocol = "anthropic" };
        await foreach (var _ in h.Router.ChatAsync(RouterHarness.Request(), info, TestContext.Current.CancellationToken))
        {
            break;
        }

        var record = Assert.Single(h.Log.For(info.RequestId));
        Assert.Equal((true, "client_canceled"), (record.Served, record.ErrorClass));
    }

    private static async IAsyncEnumerable<Api.Models.ChatResponse> Slow(Task gate, string model, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        await foreach (var chunk in FakeProvider.Answer(model, "slow", cancellationToken))
        {
            yield return chunk;
        }
    }
}
