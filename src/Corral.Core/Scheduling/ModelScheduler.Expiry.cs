namespace Corral.Core.Scheduling;

public sealed partial class ModelScheduler
{
    /// <summary>A request finished with the model: when it was the last, the keep-alive timer starts.</summary>
    internal async ValueTask ReleaseAsync(LoadedModel model)
    {
        LoadedModel? victim = null;
        await _lock.WaitAsync();
        try
        {
            model.References--;
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
    }

    /// <summary>An unreferenced model: removed (returned, to dispose outside the lock) when it is being unloaded or its
    /// keep-alive is zero, else its idle timer starts. Call with the lock held.</summary>
    private LoadedModel? IdleOrRemove(LoadedModel model)
    {
        if (model.Unloading || model.KeepAlive.Duration == TimeSpan.Zero)
        {
            return Remove(model, "keep_alive expired");
        }

        StartExpiry(model);
        return null;
    }

    /// <summary>A model that has just loaded is not yet held by the requests waiting for it; it must not expire before
    /// they take it (with keep_alive 0 it would unload and reload forever). It expires only if they all gave up.</summary>
    private static readonly TimeSpan LoadGrace = TimeSpan.FromSeconds(5);

    /// <summary>Starts the idle timer of an unreferenced model. Call with the lock held.</summary>
    private void StartExpiry(LoadedModel model, TimeSpan minimum = default)
    {
        model.ExpiryTimer?.Dispose();
        model.ExpiryTimer = null;
        if (model.KeepAlive.Duration is not { } duration)
        {
            model.ExpiresAt = null;
            return;
        }

        duration = duration < minimum ? minimum : duration;
        model.ExpiresAt = _time.GetUtcNow() + duration;
        model.ExpiryTimer = _time.CreateTimer(
            static state => _ = ((ExpiryState)state!).Scheduler.ExpireAsync(((ExpiryState)state!).Model),
            new ExpiryState(this, model), duration, Timeout.InfiniteTimeSpan);
    }

    private sealed record ExpiryState(ModelScheduler Scheduler, LoadedModel Model);

    private async Task ExpireAsync(LoadedModel model)
    {
        LoadedModel? victim = null;
        await _lock.WaitAsync();
        try
        {
            if (model.References == 0 && model.ExpiresAt is { } at && at <= _time.GetUtcNow()
                && _loaded.TryGetValue(model.Spec.Key, out var current) && ReferenceEquals(current, model))
            {
                victim = Remove(model, "keep_alive expired");
                Signal();
            }
        }
        finally
        {
            _lock.Release();
        }

        await DisposeRunnerAsync(victim);
    }

    /// <summary>Takes a model out of the resident set. Call with the lock held; dispose the runner after releasing it.</summary>
    private LoadedModel Remove(LoadedModel model, string why)
    {
        model.ExpiryTimer?.Dispose();
        model.ExpiryTimer = null;
        _loaded.Remove(model.Spec.Key);
        Log.Unloading(_logger, model.Spec.DisplayName, why);
        return model;
    }

    private async Task DisposeRunnerAsync(LoadedModel? model)
    {
        if (model is null)
        {
            return;
        }

        try
        {
            await model.Runner.DisposeAsync();
        }
        catch (Exception e)
        {
            Log.UnloadFailed(_logger, model.Spec.DisplayName, e);
        }
    }
}
