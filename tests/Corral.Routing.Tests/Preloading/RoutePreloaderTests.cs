using System.Collections.Concurrent;
using Corral.Routing.Configuration;
using Corral.Routing.Preloading;
using Corral.Routing.Tests.Log;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.Preloading;

public sealed class RoutePreloaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly RouterConfig Config = Parse(Providers + """

        routes:
          smart:
            targets: [anthropic/claude, local/qwen3, local/broken]
            preload: true
            keep_alive: -1
        """);

    [Fact]
    public async Task Each_model_is_loaded_once_per_config_and_a_failure_is_logged_and_retried_only_with_the_next_config()
    {
        var loads = new ConcurrentQueue<PreloadTarget>();
        var logger = new ListLogger();
        await using var preloader = new RoutePreloader((target, _) =>
        {
            loads.Enqueue(target);
            return target.Model == "broken" ? Task.FromException(new InvalidOperationException("model 'broken' not found")) : Task.CompletedTask;
        }, logger, new FakeTimeProvider());

        preloader.Preload(Config);
        await WaitForPassesAsync(preloader, 1);
        Assert.Equal(["qwen3", "broken"], loads.Select(t => t.Model));
        Assert.All(loads, t => Assert.Equal(Timeout.InfiniteTimeSpan, t.KeepAlive));
        var entries = logger.Entries;
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message == "Preloaded local/qwen3 for route(s) smart in 0 ms");
        Assert.Contains(entries, e => e.Level == LogLevel.Warning
            && e.Message == "Preloading local/broken for route(s) smart failed: model 'broken' not found; it is tried again when the routes file is next reloaded");

        await Task.Delay(200, Ct); // nothing retries on its own
        Assert.Equal(2, loads.Count);

        preloader.Preload(Config); // a reload
        await WaitForPassesAsync(preloader, 2);
        Assert.Equal(["qwen3", "broken", "qwen3", "broken"], loads.Select(t => t.Model));
    }

    [Fact]
    public async Task Keep_alive_goes_to_the_engine_as_seconds_and_minus_one_for_forever()
    {
        Assert.Null(RoutePreloader.KeepAliveJson(null));
        Assert.Equal("-1", RoutePreloader.KeepAliveJson(Timeout.InfiniteTimeSpan)!.Value.GetRawText());
        Assert.Equal("1800", RoutePreloader.KeepAliveJson(TimeSpan.FromMinutes(30))!.Value.GetRawText());
        Assert.Equal("0.25", RoutePreloader.KeepAliveJson(TimeSpan.FromMilliseconds(250))!.Value.GetRawText());

        // Dispose abandons a load in progress and returns.
        var started = new TaskCompletionSource();
        var preloader = new RoutePreloader(async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }, new ListLogger(), TimeProvider.System);
        preloader.Preload(Config);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await preloader.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await preloader.DisposeAsync();
        Assert.Equal(0, preloader.CompletedPasses);
    }

    private static async Task WaitForPassesAsync(RoutePreloader preloader, int passes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (preloader.CompletedPasses < passes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the preloader finished {preloader.CompletedPasses} of {passes} passes in 10 s");
            await Task.Delay(10, Ct);
        }
    }
}
