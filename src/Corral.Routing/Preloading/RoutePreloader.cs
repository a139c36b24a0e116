using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Corral.Api.Models;
using Corral.Core.Generation;
using Corral.Routing.Configuration;
using Microsoft.Extensions.Logging;

namespace Corral.Routing.Preloading;

/// <summary>
/// Loads the local targets of routes with <c>preload: true</c> in the background, one model after another, each time
/// a routes file is handed over (<see cref="Preload"/>: at start and after every good reload). Nothing waits for it:
/// server start and reloads return at once. Every load is logged; a failed one is logged and tried again only when
/// the next config comes (a reload), never in a loop. When configs arrive faster than models load, only the newest
/// is worked on. A model that an earlier config preloaded with its own keep-alive and the new one no longer preloads
/// gets the server's default keep-alive back (if it is loaded; it is never loaded for that), so removing
/// <c>preload</c> or the route lets it expire as any other model does.
/// </summary>
public sealed partial class RoutePreloader : IAsyncDisposable
{
    private readonly Func<PreloadTarget, CancellationToken, Task> _load;
    private readonly Func<string, Task<bool>>? _release;
    private readonly HashSet<string> _holding = new(StringComparer.OrdinalIgnoreCase); // preloaded with their own keep-alive
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<RouterConfig> _configs = Channel.CreateUnbounded<RouterConfig>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _passes;
    private int _disposed;

    /// <param name="load">Loads one model with its keep-alive; throws when it cannot.</param>
    /// <param name="release">Gives a model the server's default keep-alive back if it is loaded (true), without loading it.</param>
    public RoutePreloader(Func<PreloadTarget, CancellationToken, Task> load, ILogger logger, TimeProvider time, Func<string, Task<bool>>? release = null)
    {
        _load = load;
        _release = release;
        _logger = logger;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Loads through <see cref="InferenceService.GenerateAsync"/> with no prompt: the call <c>/api/generate</c>
    /// makes for a load-only request, so the scheduler, keep-alive and <c>/api/ps</c> treat it exactly alike.</summary>
    public static RoutePreloader ForInference(InferenceService inference, ILogger logger, TimeProvider time) =>
        new((target, cancellationToken) => LoadAsync(inference, target, cancellationToken), logger, time, inference.ResetKeepAliveAsync);

    /// <summary>Configs whose preloads have all been tried (for tests and diagnostics).</summary>
    public int CompletedPasses => Volatile.Read(ref _passes);

    /// <summary>Queues <paramref name="config"/>'s preloads; returns at once.</summary>
    public void Preload(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _configs.Writer.TryWrite(config);
    }

    /// <summary>Stops: a load in progress is abandoned (the scheduler finishes or drops it), queued ones are not started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _configs.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task LoadAsync(InferenceService inference, PreloadTarget target, CancellationToken cancellationToken)
    {
        var request = new GenerateRequest { Model = target.Model, KeepAlive = KeepAliveJson(target.KeepAlive), Stream = false };
        await foreach (var _ in inference.GenerateAsync(request, cancellationToken))
        {
        }
    }

    /// <summary>Seconds as a JSON number (<c>-1</c> = forever), as <c>/api/generate</c> takes it; null = the server's default.</summary>
    internal static JsonElement? KeepAliveJson(TimeSpan? keepAlive)
    {
        if (keepAlive is not { } value)
        {
            return null;
        }

        var seconds = value == Timeout.InfiniteTimeSpan ? "-1" : value.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(seconds);
        return document.RootElement.Clone();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _configs.Reader.WaitToReadAsync(_stop.Token))
            {
                RouterConfig? newest = null;
                while (_configs.Reader.TryRead(out var config))
                {
                    newest = config;
                }

                var targets = PreloadTarget.Of(newest!);
                await ReleaseDroppedAsync(targets);
                foreach (var target in targets)
                {
                    await LoadOneAsync(target);
                }

                Interlocked.Increment(ref _passes);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Models this preloader held with their own keep-alive that <paramref name="targets"/> no longer preloads
    /// get the server's default back.</summary>
    private async Task ReleaseDroppedAsync(IReadOnlyList<PreloadTarget> targets)
    {
        var kept = targets.Where(t => t.KeepAlive is not null).Select(t => t.Model).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var model in _holding.Where(m => !kept.Contains(m)).ToList())
        {
            _holding.Remove(model);
            if (_release is null)
            {
                continue;
            }

            try
            {
                if (await _release(model))
                {
                    Log.Released(_logger, model);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReleaseFailed(_logger, model, e.Message);
            }
        }

        _holding.UnionWith(kept);
    }

    private async Task LoadOneAsync(PreloadTarget target)
    {
        var routes = string.Join(", ", target.Routes);
        Log.Preloading(_logger, target.Provider, target.Model, routes, target.KeepAliveText);
        var started = _time.GetTimestamp();
        try
        {
            await _load(target, _stop.Token);
            Log.Preloaded(_logger, target.Provider, target.Model, routes, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Log.PreloadFailed(_logger, target.Provider, target.Model, routes, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4201, LogLevel.Information, "Preloading {Provider}/{Model} for route(s) {Routes}, keep_alive {KeepAlive}")]
        public static partial void Preloading(ILogger logger, string provider, string model, string routes, string keepAlive);

        [LoggerMessage(4202, LogLevel.Information, "Preloaded {Provider}/{Model} for route(s) {Routes} in {Milliseconds:F0} ms")]
        public static partial void Preloaded(ILogger logger, string provider, string model, string routes, double milliseconds);

        [LoggerMessage(4204, LogLevel.Information, "{Model} is no longer preloaded by any route: its keep_alive is the server's default again")]
        public static partial void Released(ILogger logger, string model);

        [LoggerMessage(4205, LogLevel.Warning, "Giving {Model} the server's default keep_alive back failed: {Reason}")]
        public static partial void ReleaseFailed(ILogger logger, string model, string reason);

        [LoggerMessage(4203, LogLevel.Warning, "Preloading {Provider}/{Model} for route(s) {Routes} failed: {Reason}; it is tried again when the routes file is next reloaded")]
        public static partial void PreloadFailed(ILogger logger, string provider, string model, string routes, string reason);
    }
}
