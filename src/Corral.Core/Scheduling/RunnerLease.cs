using Corral.Inference;

namespace Corral.Core.Scheduling;

/// <summary>The right to use a loaded runner for one request. Disposing it lets the keep-alive timer start.</summary>
public sealed class RunnerLease : IAsyncDisposable
{
    private readonly ModelScheduler _scheduler;
    private readonly LoadedModel _model;
    private int _released;

    internal RunnerLease(ModelScheduler scheduler, LoadedModel model, TimeSpan loadDuration)
    {
        _scheduler = scheduler;
        _model = model;
        LoadDuration = loadDuration;
    }

    public IModelRunner Runner => _model.Runner;

    /// <summary>Time spent loading for this request (zero when the model was already resident).</summary>
    public TimeSpan LoadDuration { get; }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            return _scheduler.ReleaseAsync(_model);
        }

        return ValueTask.CompletedTask;
    }
}
