using Corral.Core.Errors;
using Corral.Inference;

namespace Corral.Core.Scheduling;

public sealed partial class ModelScheduler
{
    /// <summary>One decision with the lock held: either a lease, or something to wait for before deciding again.</summary>
    private readonly record struct Step(LoadedModel? Lease, Task? WaitFor);

    /// <summary>With the lock held. <paramref name="ticket"/> orders requests: while an older one waits for room, a
    /// newer one waits too instead of taking a lease on a model the older one may need idle.</summary>
    private Step Plan(LoadSpec spec, KeepAlive? keepAlive, long ticket, ref bool loadedHere)
    {
        if (_roomWaiters.Count > 0 && _roomWaiters.Min < ticket)
        {
            return new Step(null, _changed.Task);
        }

        var step = PlanInOrder(spec, keepAlive, ticket, ref loadedHere);
        if (step.Lease is null && ReferenceEquals(step.WaitFor, _changed.Task))
        {
            _roomWaiters.Add(ticket); // waits for room: newer requests hold back until it is served or leaves
            Volatile.Write(ref _hasRoomWaiters, true);
        }
        else if (_roomWaiters.Remove(ticket))
        {
            Volatile.Write(ref _hasRoomWaiters, _roomWaiters.Count > 0);
            Signal(); // the requests it held back may go on
        }

        return step;
    }

    private Step PlanInOrder(LoadSpec spec, KeepAlive? keepAlive, long ticket, ref bool loadedHere)
    {
        if (_loaded.TryGetValue(spec.Key, out var model) && !model.Unloading)
        {
            if (spec.IsServedBy(LoadedRequest(model), model.PlannedFromContext))
            {
                model.References++;
                model.ExpiryTimer?.Dispose();
                model.ExpiryTimer = null;
                model.ExpiresAt = null;
                if (keepAlive is { } k)
                {
                    model.KeepAlive = k;
                }

                return new Step(model, null);
            }

            if (model.References > 0)
            {
                return new Step(null, _changed.Task);
            }

            var change = DescribeChange(LoadedRequest(model), spec.Runner);
            Log.Reloading(_logger, spec.DisplayName, change, Interlocked.Increment(ref _reloads));
            var reason = $"reloaded: {change}";
            var victim = Remove(model, "reload");
            return StartLoad(spec, keepAlive ?? model.KeepAlive, reason, victim, ticket, ref loadedHere);
        }

        if (_loaded.TryGetValue(spec.Key, out var unloading) && unloading.Unloading)
        {
            return new Step(null, _changed.Task);
        }

        if (_loading.TryGetValue(spec.Key, out var pending))
        {
            return new Step(null, pending);
        }

        LoadedModel? evicted = null;
        if (_loaded.Count + _loading.Count >= _options.MaxLoadedModels)
        {
            evicted = _loaded.Values
                .Where(IsEvictable)
                .OrderBy(m => m.ExpiresAt ?? DateTimeOffset.MaxValue)
                .FirstOrDefault();
            if (evicted is null)
            {
                return new Step(null, _changed.Task);
            }

            Log.Evicting(_logger, evicted.Spec.DisplayName, spec.DisplayName);
            Remove(evicted, "evicted");
        }

        return StartLoad(spec, keepAlive ?? _options.DefaultKeepAlive, "first request", evicted, ticket, ref loadedHere);
    }

    /// <summary>Idle, and not a model just loaded whose requester has not taken it yet (evicting that one would make
    /// two requests for two models take turns loading for ever).</summary>
    private bool IsEvictable(LoadedModel model) => model.References == 0 && !model.Unloading && !_loaders.Contains(model.LoaderTicket);

    private static RunnerLoadRequest LoadedRequest(LoadedModel model) => model.Spec.Runner;

    private Step StartLoad(LoadSpec spec, KeepAlive keepAlive, string reason, LoadedModel? victim, long ticket, ref bool loadedHere)
    {
        var victims = victim is null ? new List<LoadedModel>() : [victim];
        var shape = ShapeOf(spec.Runner.ModelPath);
        var plan = MemoryPlanner.Plan(spec, shape, FreeMemory(victims), _options.MaxAutoParallel);
        while (plan.Refusal is not null
            && _loaded.Values.Where(IsEvictable).OrderBy(m => m.ExpiresAt ?? DateTimeOffset.MaxValue).FirstOrDefault() is { } idle)
        {
            Log.Evicting(_logger, idle.Spec.DisplayName, spec.DisplayName);
            victims.Add(Remove(idle, "evicted to free memory"));
            plan = MemoryPlanner.Plan(spec, shape, FreeMemory(victims), _options.MaxAutoParallel);
        }

        if (plan.Refusal is { } refusal)
        {
            foreach (var v in victims)
            {
                _ = DisposeRunnerAsync(v);
            }

            if (_loaded.Count > 0 || _loading.Count > 0)
            {
                return new Step(null, _changed.Task); // busy models will finish and free their memory
            }

            Log.Refused(_logger, spec.DisplayName, refusal);
            throw new CorralException(ErrorKind.Internal, refusal);
        }

        if (plan.Estimate is { } estimate)
        {
            Log.Planned(_logger, spec.DisplayName, plan.Request.ContextLength, plan.Request.Parallel, estimate.TotalBytes / 1048576.0,
                estimate.WeightsBytes / 1048576.0, estimate.KvCacheBytes / 1048576.0, estimate.ComputeBytes / 1048576.0);
            _reserved[spec.Key] = estimate.TotalBytes;
        }

        loadedHere = true;
        _loaders.Add(ticket);
        var task = LoadAsync(spec with { Runner = plan.Request }, keepAlive, reason, victims, plan.Estimate, spec.Runner.ContextLength, ticket);
        _loading[spec.Key] = task;
        return new Step(null, task);
    }

    /// <summary>Memory a new load may use: what the system has available, less the weights of resident models (mapped
    /// files count as available page cache but stay in use) and loads in flight, plus what the victims will free.</summary>
    private long? FreeMemory(List<LoadedModel> victims)
    {
        if (_options.AvailableMemory() is not { } available)
        {
            return null;
        }

        var residentWeights = _loaded.Values.Sum(m => m.Estimate?.WeightsBytes ?? 0);
        var freed = victims.Sum(v => v.Estimate?.ContextBytes ?? 0);
        return available - residentWeights - _reserved.Values.Sum() + freed;
    }

    private Models.MemoryShape? ShapeOf(string path)
    {
        if (!_shapes.TryGetValue(path, out var shape))
        {
            shape = _options.ShapeOf(path);
            _shapes[path] = shape;
        }

        return shape;
    }

    /// <summary>Loads outside the lock. Returns the load's exception instead of throwing, so every waiter sees it.</summary>
    private async Task<Exception?> LoadAsync(LoadSpec spec, KeepAlive keepAlive, string reason, List<LoadedModel> victims, Models.MemoryEstimate? estimate, int plannedFrom, long loader)
    {
        await Task.Yield();
        foreach (var victim in victims)
        {
            await DisposeRunnerAsync(victim);
        }

        var started = _time.GetTimestamp();
        Exception? error = null;
        IModelRunner? runner = null;
        try
        {
            runner = await _factory.LoadAsync(spec.Runner, progress: null, CancellationToken.None);
            Log.Loaded(_logger, spec.DisplayName, reason, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            Log.LoadFailed(_logger, spec.DisplayName, e);
            error = e;
        }

        await _lock.WaitAsync();
        try
        {
            _loading.Remove(spec.Key);
            _reserved.Remove(spec.Key);
            if (runner is not null)
            {
                var model = new LoadedModel(spec, runner, keepAlive, reason, _time.GetElapsedTime(started))
                {
                    Estimate = estimate,
                    PlannedFromContext = plannedFrom,
                    LoaderTicket = loader,
                };
                _loaded[spec.Key] = model;
                StartExpiry(model, LoadGrace);
            }

            Signal();
        }
        finally
        {
            _lock.Release();
        }

        return error;
    }

    private static string DescribeChange(RunnerLoadRequest loaded, RunnerLoadRequest wanted)
    {
        var changes = new List<string>();
        if (wanted.ContextLength > loaded.ContextLength)
        {
            changes.Add($"num_ctx {loaded.ContextLength} -> {wanted.ContextLength}");
        }

        if (wanted.BatchSize != loaded.BatchSize)
        {
            changes.Add($"num_batch {loaded.BatchSize} -> {wanted.BatchSize}");
        }

        if (wanted.Threads != loaded.Threads)
        {
            changes.Add($"num_thread {loaded.Threads} -> {wanted.Threads}");
        }

        if (wanted.GpuLayers != loaded.GpuLayers)
        {
            changes.Add($"num_gpu {loaded.GpuLayers} -> {wanted.GpuLayers}");
        }

        if (wanted.MainGpu != loaded.MainGpu)
        {
            changes.Add("main_gpu changed");
        }

        if (wanted.UseMmap != loaded.UseMmap)
        {
            changes.Add("use_mmap changed");
        }

        if (wanted.ModelPath != loaded.ModelPath || wanted.AdapterPath != loaded.AdapterPath)
        {
            changes.Add("weights changed");
        }

        return changes.Count == 0 ? "options changed" : string.Join(", ", changes);
    }
}
