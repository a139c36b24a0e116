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

    /// <summary>Opaque details echoed in <c>/api/ps</c>.</summary>
    public object? Details { get; init; }

    /// <summary>Whether a runner loaded with <paramref name="loaded"/> can serve this spec without reloading:
    /// the same placement, and at least the context asked for.</summary>
    public bool IsServedBy(RunnerLoadRequest loaded) =>
        loaded.ModelPath == Runner.ModelPath
        && loaded.AdapterPath == Runner.AdapterPath
        && loaded.ContextLength >= Runner.ContextLength
        && loaded.BatchSize == Runner.BatchSize
        && loaded.Threads == Runner.Threads
        && loaded.GpuLayers == Runner.GpuLayers
        && loaded.MainGpu == Runner.MainGpu
        && loaded.UseMmap == Runner.UseMmap;
}
