using System.Collections.Concurrent;
using Corral.Api.Models;
using Corral.Routing.Configuration;

namespace Corral.Routing.Calls;

/// <summary>
/// Shadow mode: a sampled share of a route's calls is also sent to the shadow target in the background. The shadow
/// answer is logged (reason <c>shadow</c>, its own request id, the primary's pair id) and never reaches the client,
/// which does not wait for it. At most <see cref="MaxInFlight"/> shadows run at once; beyond that calls are not sampled
/// (shadowing must not take the server down).
/// </summary>
internal sealed class ShadowRunner(ChatRouter router, Func<double> sample) : IAsyncDisposable
{
    public const int MaxInFlight = 16;

    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;

    public bool Sample(RouteConfig route) =>
        route.Shadow is { SampleRate: > 0 } shadow && sample() < shadow.SampleRate && Volatile.Read(ref _inFlight) < MaxInFlight;

    public void Start(RouterConfig config, RouteConfig route, ChatRequest request, CallInfo primary, string pairId)
    {
        Interlocked.Increment(ref _inFlight);
        var info = new CallInfo { Protocol = primary.Protocol, Task = primary.Task };
        var call = new RoutedCall(config, route, request, info, pairId, router.RouterLog);
        var task = Task.Run(() => RunAsync(call, route.Shadow!.Target), CancellationToken.None);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async Task DrainAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await DrainAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync(RoutedCall call, TargetConfig target)
    {
        try
        {
            var provider = router.Providers.Get(call.Config, target.Provider);
            var availability = router.Health.Check(target, provider.IsLocal, call.Config.Cooldowns);
            if (!availability.CanTry)
            {
                return;
            }

            await using var run = new AttemptRun(call, target, provider, "shadow", router.Time, _stopping.Token);
            try
            {
                if (await run.StartAsync(target.Timeouts))
                {
                    router.Health.Succeeded(target, provider.IsLocal);
                    while (await run.NextAsync())
                    {
                    }
                }

                if (run.Failure is { } failure)
                {
                    router.Health.Failed(target, provider.IsLocal, failure.Failure, failure.RetryAfter, call.Config.Cooldowns);
                }

                run.Finish(served: false);
            }
            catch (OperationCanceledException)
            {
                router.Health.ReleaseProbe(target);
                run.Finish(served: false, "canceled", "the server stopped before the shadow call finished");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
