using Corral.Inference;

namespace Corral.Core.Scheduling;

/// <summary>What to load: a model identity (its weights' digest plus adapter) and how to place it.</summary>
public sealed record LoadSpec
{
    /// <summary>Identity of the weights; two names sharing the same weights share one runner.</summary>
    public required string Key { get; init; }

    /// <summary>Name shown in <c>/api/ps</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Digest of the model's manifest, for <c>/api/ps</c>.</summary>
    public string ManifestDigest { get; init; } = "";

    public required RunnerLoadRequest Runner { get; init; }

    /// <summary>The context is the default (no <c>num_ctx</c> asked for): the scheduler may shrink it to fit memory.</summary>
    public bool ContextIsDefault { get; init; }

    /// <summary>The parallelism is the default (<c>CORRAL_NUM_PARALLEL</c> unset): the scheduler chooses it from free memory.</summary>
    public bool ParallelIsDefault { get; init; }

    /// <summary>Opaque details echoed in <c>/api/ps</c>.</summary>
    public object? Details { get; init; }

    /// <summary>Whether a runner loaded with <paramref name="loaded"/> can serve this spec without reloading:
    /// the same placement, and at least the context asked for.</summary>
    public bool IsServedBy(RunnerLoadRequest loaded) => IsServedBy(loaded, loaded.ContextLength);

    /// <summary>As <see cref="IsServedBy(RunnerLoadRequest)"/>, where a default context counts as served by a runner
    /// whose context was planned from the same default (<paramref name="plannedFromContext"/>), even if memory shrank it.</summary>
    public bool IsServedBy(RunnerLoadRequest loaded, int plannedFromContext) =>
        loaded.ModelPath == Runner.ModelPath
        && loaded.AdapterPath == Runner.AdapterPath
        && (loaded.ContextLength >= Runner.ContextLength || (ContextIsDefault && plannedFromContext >= Runner.ContextLength))
        && loaded.BatchSize == Runner.BatchSize
        && loaded.Threads == Runner.Threads
        && loaded.GpuLayers == Runner.GpuLayers
        && loaded.MainGpu == Runner.MainGpu
        && loaded.UseMmap == Runner.UseMmap;
}
