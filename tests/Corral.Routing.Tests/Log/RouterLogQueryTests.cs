using Corral.Routing.Log;

namespace Corral.Routing.Tests.Log;

public sealed class RouterLogQueryTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteRouterLog _log = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _log = new SqliteRouterLog(Records.Options(_dir));
        var t = Records.T0;
        // req-a: primary rate limited, fallback served; shadowed as pair-a.
        _log.Append(Records.Make("req-a", 1, served: false, errorClass: "rate_limited", at: t, pairId: "pair-a") with { Status = 429 });
        _log.Append(Records.Make("req-a", 2, reason: "fallback:rate_limited", provider: "openai", model: "gpt-4o", at: t.AddSeconds(1), pairId: "pair-a") with { Output = "primary answer", TokensOut = 10 });
        // The shadow of req-a: its own request id, same pair id; two attempts, the last one counts.
        _log.Append(Records.Make("req-a-shadow", 1, reason: "shadow", provider: "local", model: "qwen3:8b", served: false, at: t.AddSeconds(2), pairId: "pair-a", errorClass: "local_failed"));
        _log.Append(Records.Make("req-a-shadow", 2, reason: "shadow", provider: "local", model: "qwen3:4b", served: false, at: t.AddSeconds(3), pairId: "pair-a") with { Output = "shadow answer", TokensOut = 12 });
        // req-b: fast path to local, served, not shadowed.
        _log.Append(Records.Make("req-b", 1, route: "fast", reason: "fast_path:task=classify", provider: "local", model: "qwen3:8b", at: t.AddMinutes(10)));
        // req-c: a shadowed call on another route.
        _log.Append(Records.Make("req-c", 1, route: "fast", at: t.AddMinutes(20), pairId: "pair-c") with { OutputHash = "c1" });
        _log.Append(Records.Make("req-c-shadow", 1, route: "fast", reason: "shadow", provider: "local", served: false, at: t.AddMinutes(20).AddSeconds(1), pairId: "pair-c") with { OutputHash = "c2" });
        // req-d: failed everywhere.
        _log.Append(Records.Make("req-d", 1, served: false, errorClass: "auth_failed", at: t.AddHours(1)));
        await _log.FlushAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Rows_come_newest_first()
    {
        var rows = await _log.QueryAsync(new RouterLogQuery(), Ct);
        Assert.Equal(8, rows.Count);
        Assert.Equal(rows.OrderByDescending(r => r.Timestamp).Select(r => (r.RequestId, r.Attempt)), rows.Select(r => (r.RequestId, r.Attempt)));
    }

    [Theory]
    [InlineData("route", "fast", new[] { "req-c-shadow", "req-c", "req-b" })]
    [InlineData("provider", "openai", new[] { "req-a" })]
    [InlineData("model", "qwen3:4b", new[] { "req-a-shadow" })]
    [InlineData("reason", "fallback", new[] { "req-a" })]
    [InlineData("reason", "fast_path", new[] { "req-b" })]
    [InlineData("error_class", "rate_limited", new[] { "req-a" })]
    [InlineData("request_id", "req-a-shadow", new[] { "req-a-shadow", "req-a-shadow" })]
    [InlineData("pair_id", "pair-c", new[] { "req-c-shadow", "req-c" })]
    public async Task One_filter_selects_its_rows(string key, string value, string[] expected)
    {
        Assert.True(RouterLogQueryString.TryParse([new(key, value)], Records.T0, RouterLogQuery.MaxLimit, out var query, out var error), error);
        var rows = await _log.QueryAsync(query, Ct);
        Assert.Equal(expected, rows.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Errors_served_time_window_and_limit_combine()
    {
        var errors = await _log.QueryAsync(new RouterLogQuery { ErrorsOnly = true }, Ct);
        Assert.Equal(["req-d", "req-a-shadow", "req-a"], errors.Select(r => r.RequestId));

        var served = await _log.QueryAsync(new RouterLogQuery { ServedOnly = true, Route = "smart" }, Ct);
        Assert.Equal([("req-a", 2)], served.Select(r => (r.RequestId, r.Attempt)));

        var window = await _log.QueryAsync(new RouterLogQuery { Since = Records.T0.AddMinutes(10), Until = Records.T0.AddHours(1) }, Ct);
        Assert.Equal(["req-c-shadow", "req-c", "req-b"], window.Select(r => r.RequestId));

        var limited = await _log.QueryAsync(new RouterLogQuery { Limit = 2 }, Ct);
        Assert.Equal(["req-d", "req-c-shadow"], limited.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Streaming_without_a_limit_returns_everything()
    {
        var count = 0;
        await foreach (var _ in _log.StreamAsync(new RouterLogQuery(), Ct))
        {
            count++;
        }

        Assert.Equal(8, count);
    }

    [Fact]
    public async Task Pairs_join_the_served_primary_with_the_last_shadow_attempt()
    {
        var pairs = await _log.ComparePairsAsync(new RouterLogQuery(), Ct);
        Assert.Equal(["pair-c", "pair-a"], pairs.Select(p => p.PairId));

        var a = pairs[1];
        Assert.Equal("smart", a.Route);
        Assert.Equal(("req-a", 2, "openai", "primary answer"), (a.Primary.RequestId, a.Primary.Attempt, a.Primary.Provider, a.Primary.Output));
        Assert.Equal(("req-a-shadow", 2, "qwen3:4b", "shadow answer"), (a.Shadow.RequestId, a.Shadow.Attempt, a.Shadow.Model, a.Shadow.Output));
        Assert.Equal(("c1", "c2"), (pairs[0].Primary.OutputHash, pairs[0].Shadow.OutputHash));

        var smart = await _log.ComparePairsAsync(new RouterLogQuery { Route = "smart" }, Ct);
        Assert.Equal(["pair-a"], smart.Select(p => p.PairId));
        var one = await _log.ComparePairsAsync(new RouterLogQuery { Limit = 1 }, Ct);
        Assert.Equal(["pair-c"], one.Select(p => p.PairId));
    }

    [Fact]
    public async Task The_summary_groups_by_route_and_provider()
    {
        var summary = await _log.SummarizeAsync(new RouterLogQuery(), Ct);
        Assert.Equal(
            [("fast", "anthropic"), ("fast", "local"), ("smart", "anthropic"), ("smart", "local"), ("smart", "openai")],
            summary.Groups.Select(g => (g.Route, g.Provider)));
        var anthropic = summary.Groups[2];
        Assert.Equal(2, anthropic.Calls);
        Assert.Equal(0, anthropic.Served);
        Assert.Equal(new Dictionary<string, int> { ["auth_failed"] = 1, ["rate_limited"] = 1 }, anthropic.Errors);
        var openai = summary.Groups[4];
        Assert.Equal((1, 1, 10L), (openai.Fallbacks, openai.Served, openai.TokensOut));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToList();
        Assert.Equal(50, RouterLogSummarizer.Percentile(values, 0.50));
        Assert.Equal(95, RouterLogSummarizer.Percentile(values, 0.95));
        Assert.Equal(7, RouterLogSummarizer.Percentile([7], 0.95));
        Assert.Null(RouterLogSummarizer.Percentile([], 0.5));
    }
}
