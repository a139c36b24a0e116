namespace Corral.Core.Scheduling;

/// <summary>Limits of the scheduler.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Default keep-alive for a model whose requests never set one.</summary>
    public KeepAlive DefaultKeepAlive { get; init; } = KeepAlive.For(TimeSpan.FromMinutes(5));

    /// <summary>Models resident at once; loading one more evicts the idle model that expires first.</summary>
    public int MaxLoadedModels { get; init; } = 3;

    /// <summary>Requests that may wait for a model at once; one more is refused with 503.</summary>
    public int MaxQueue { get; init; } = 512;
}
