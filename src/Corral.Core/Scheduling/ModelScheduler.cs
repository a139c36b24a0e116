using Corral.Core.Errors;
using Corral.Inference;
using Microsoft.Extensions.Logging;

namespace Corral.Core.Scheduling;

/// <summary>
/// Decides which models are resident. A request acquires a <see cref="RunnerLease"/>: a resident runner that fits is
/// shared at once; otherwise the model is loaded (one load per model, shared by everyone waiting for it), evicting the
/// idle model that expires first when the limit is reached. Idle models unload when their keep-alive runs out; the
/// timer only runs while no request holds the model. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModelScheduler : IAsyncDisposable
{
    private readonly IRunnerFactory _factory;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _loading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Models.MemoryShape?> _shapes = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Tickets of requests waiting for room (a model to become idle so it can be evicted or reloaded, or
    /// memory to be freed), oldest first. While one waits, newer requests take no new leases (see
    /// <see cref="Plan"/>), so a busy model cannot keep an older request for another model waiting forever.</summary>
    private readonly SortedSet<long> _roomWaiters = [];
    private readonly HashSet<long> _loaders = []; // tickets of requests that started a load and have not left AcquireAsync
    private long _tickets;
    private bool _hasRoomWaiters;
    private int _pending;
    private int _reloads;

    public ModelScheduler(IRunnerFactory factory, SchedulerOptions options, TimeProvider time, ILogger<ModelScheduler> logger)
    {
        _factory = factory;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Requests waiting for room right now (tests, diagnostics).</summary>
    internal bool HasRoomWaiters => Volatile.Read(ref _hasRoomWaiters);

    /// <summary>How many times a resident model was reloaded because a request needed different placement.</summary>
    public int ReloadCount => Volatile.Read(ref _reloads);

    /// <summary>Gets a runner for <paramref name="spec"/>, loading it if needed. <paramref name="keepAlive"/>, when given,
    /// becomes the model's keep-alive from now on (as Ollama does). The request holds its place in the queue
    /// (<see cref="SchedulerOptions.MaxQueue"/>) until the runner starts serving it (<see cref="RunnerLease.LeaveQueue"/>,
    /// or the lease's end), so requests waiting for a free sequence of a loaded model count as well.</summary>
    /// <exception cref="ServerBusyException">Too many requests are already waiting.</exception>
    public async Task<RunnerLease> AcquireAsync(LoadSpec spec, KeepAlive? keepAlive, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _options.MaxQueue)
        {
            Interlocked.Decrement(ref _pending);
            throw new ServerBusyException();
        }

        var queued = true;
        var loadedHere = false;
        var ticket = Interlocked.Increment(ref _tickets);
        try
        {
            var loadStarted = _time.GetTimestamp();
            while (true)
            {
                Task waitFor;
                await _lock.WaitAsync(cancellationToken);
                try
                {
                    var step = Plan(spec, keepAlive, ticket, ref loadedHere);
                    if (step.Lease is { } lease)
                    {
                        queued = false; // the lease now holds the place
                        return new RunnerLease(this, lease, loadedHere ? _time.GetElapsedTime(loadStarted) : TimeSpan.Zero);
                    }

                    waitFor = step.WaitFor!;
                }
                finally
                {
                    _lock.Release();
                }

                await waitFor.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                if (waitFor is Task<Exception?> { Result: { } loadError })
                {
                    throw loadError;
                }
            }
        }
        finally
        {
            if (queued)
            {
                LeaveQueue();
            }

            await StopWaitingAsync(ticket, loadedHere);
        }
    }

    /// <summary>A request got its lease, or left (cancelled, failed): newer requests it held back while it waited for
    /// room may go on, and a model it loaded may now be evicted like any idle one.</summary>
    private async Task StopWaitingAsync(long ticket, bool loaded)
    {
        if (!loaded && !Volatile.Read(ref _hasRoomWaiters))
        {
            return;
        }

        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            var changed = loaded && _loaders.Remove(ticket);
            if (_roomWaiters.Remove(ticket))
            {
                Volatile.Write(ref _hasRoomWaiters, _roomWaiters.Count > 0);
                changed = true;
            }

            if (changed)
            {
                Signal();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A request stopped waiting (served, failed or gone).</summary>
    internal void LeaveQueue() => Interlocked.Decrement(ref _pending);

    /// <summary>Unloads a model now, or as soon as its current requests finish. False when it is not loaded.</summary>
    public async Task<bool> UnloadAsync(string key)
    {
        LoadedModel? victim = null;
        await _lock.WaitAsync();
        try
        {
            if (!_loaded.TryGetValue(key, out var model))
            {
                return false;
            }

            model.KeepAlive = KeepAlive.For(TimeSpan.Zero);
            if (model.References == 0)
            {
                victim = Remove(model, "unload requested");
            }
            else
            {
                model.Unloading = true;
            }
        }
        finally
        {
            _lock.Release();
        }

        await DisposeRunnerAsync(victim);
        return true;
    }

    /// <summary>
    /// Gives a loaded model a new keep-alive without loading it or counting as a request: an idle model's timer starts
    /// again with it (a zero one unloads it now). False when the model is not loaded.
    /// </summary>
    public async Task<bool> SetKeepAliveAsync(string key, KeepAlive keepAlive)
    {
        LoadedModel? victim = null;
        await _lock.WaitAsync();
        try
        {
            if (!_loaded.TryGetValue(key, out var model) || model.Unloading)
            {
                return false;
            }

            model.KeepAlive = keepAlive;
            if (model.References == 0)
            {
                victim = IdleOrRemove(model);
            }

            Signal();
        }
        finally
        {
            _lock.Release();
        }

        await DisposeRunnerAsync(victim);
        return true;
    }

    /// <summary>The resident models, most recently expiring first (as <c>/api/ps</c> lists them).</summary>
    public async Task<IReadOnlyList<LoadedModelInfo>> SnapshotAsync()
    {
        await _lock.WaitAsync();
        try
        {
            var now = _time.GetUtcNow();
            return _loaded.Values
                .Select(m => new LoadedModelInfo(
                    m.Spec.DisplayName, m.Spec.ManifestDigest, m.Runner.Info.SizeBytes, m.Runner.Info.SizeVramBytes,
                    m.Runner.Info.ContextLength, m.Runner.Info.Parallel,
                    m.ExpiresAt ?? (m.KeepAlive.Duration is { } d ? now + d : null),
                    m.KeepAlive.IsForever, m.References > 0 || m.Unloading, m.LoadReason, m.Spec.Details))
                .OrderByDescending(m => m.Forever)
                .ThenByDescending(m => m.ExpiresAt)
                .ToList();
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<LoadedModel> all;
        await _lock.WaitAsync();
        try
        {
            all = [.. _loaded.Values];
            foreach (var model in all)
            {
                Remove(model, "server shutting down");
            }
        }
        finally
        {
            _lock.Release();
        }

        foreach (var model in all)
        {
            await DisposeRunnerAsync(model);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes everyone waiting for a change of state. Call with the lock held.</summary>
    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }
}
