using Corral.Core.Scheduling;

namespace Corral.Core;

/// <summary>Settings of the model runtime, read once at start (see <see cref="Configuration.EnvironmentVariables"/>).</summary>
public sealed record CoreSettings
{
    public required string ModelsDirectory { get; init; }
    public KeepAlive DefaultKeepAlive { get; init; } = KeepAlive.For(TimeSpan.FromMinutes(5));
    /// <summary>Default <c>num_ctx</c>, capped at each model's trained context; 0 (the default) uses the trained context
    /// itself. Either way a default context is shrunk until the load fits in free memory.</summary>
    public int DefaultContextLength { get; init; }
    public int MaxLoadedModels { get; init; } = 3;
    public int NumParallel { get; init; } = 1;

    /// <summary><c>CORRAL_NUM_PARALLEL</c> was not set: the scheduler chooses parallel sequences (up to 4) from free
    /// memory instead of <see cref="NumParallel"/>.</summary>
    public bool NumParallelIsDefault { get; init; }
    public int MaxQueue { get; init; } = 512;

    public SchedulerOptions ToSchedulerOptions() => new()
    {
        DefaultKeepAlive = DefaultKeepAlive,
        MaxLoadedModels = MaxLoadedModels,
        MaxQueue = MaxQueue,
    };
}
