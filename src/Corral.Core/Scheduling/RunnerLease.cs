using Corral.Inference;

namespace Corral.Core.Scheduling;

/// <summary>The right to use a loaded runner for one request, holding the request's place in the queue until
/// <see cref="LeaveQueue"/>. Disposing it frees both and lets the keep-alive timer start.</summary>
public sealed class RunnerLease : IAsyncDisposable
{
    private readonly ModelScheduler _scheduler;
    private readonly LoadedModel _model;
    private int _released;
    private int _leftQueue;

    internal RunnerLease(ModelScheduler scheduler, LoadedModel model, TimeSpan loadDuration)
    {
        _scheduler = scheduler;
        _model = model;
        LoadDuration = loadDuration;
    }

    public IModelRunner Runner => _model.Runner;

    /// <summary>Time spent loading for this request (zero when the model was already resident).</summary>
    public TimeSpan LoadDuration { get; }

    /// <summary>The runner started serving the request (its first output): its place in the queue is free for
    /// another. Idempotent; the lease's end does it too.</summary>
    public void LeaveQueue()
    {
        if (Interlocked.Exchange(ref _leftQueue, 1) == 0)
        {
            _scheduler.LeaveQueue();
        }
    }

    public ValueTask DisposeAsync()
    {
        LeaveQueue();
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            return _scheduler.ReleaseAsync(_model);
        }

        return ValueTask.CompletedTask;
    }
}
