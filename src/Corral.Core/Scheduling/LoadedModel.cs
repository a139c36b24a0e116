using Corral.Inference;

namespace Corral.Core.Scheduling;

/// <summary>A resident runner and its bookkeeping. Mutable state is guarded by the scheduler's lock.</summary>
internal sealed class LoadedModel
{
    public LoadedModel(LoadSpec spec, IModelRunner runner, KeepAlive keepAlive, string loadReason, TimeSpan loadDuration)
    {
        Spec = spec;
        Runner = runner;
        KeepAlive = keepAlive;
        LoadReason = loadReason;
        LoadDuration = loadDuration;
    }

    public LoadSpec Spec { get; }

    /// <summary>What the memory planner estimated for this load; null when the file could not be read.</summary>
    public Models.MemoryEstimate? Estimate { get; init; }

    /// <summary>The context the request asked for before memory planning (equal to the loaded one unless shrunk).</summary>
    public int PlannedFromContext { get; init; }

    /// <summary>The request that loaded it; while that request has not taken its lease, the model is not evicted.</summary>
    public long LoaderTicket { get; init; }
    public IModelRunner Runner { get; }
    public TimeSpan LoadDuration { get; }
    public string LoadReason { get; }
    public KeepAlive KeepAlive { get; set; }
    public int References { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public bool Unloading { get; set; }
    public ITimer? ExpiryTimer { get; set; }
}
