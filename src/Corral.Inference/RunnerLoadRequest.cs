namespace Corral.Inference;

/// <summary>Everything that decides how a model is placed in memory. Changing any of these needs a reload.</summary>
public sealed record RunnerLoadRequest
{
    /// <summary>Absolute path of the GGUF weights.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Context length of one sequence (Ollama's <c>num_ctx</c>).</summary>
    public int ContextLength { get; init; } = 2048;

    /// <summary>How many sequences may run at once, sharing one KV pool of <see cref="KvPoolCells"/> cells.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Logical batch size for prompt processing (<c>num_batch</c>).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Threads for generation and prompt processing; 0 means the number of physical cores.</summary>
    public int Threads { get; init; }

    /// <summary>Layers to offload to a GPU; -1 lets the engine decide, 0 keeps everything on the CPU.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Main GPU index, or null for the engine's choice.</summary>
    public int? MainGpu { get; init; }

    /// <summary>Memory-map the weights; null lets the engine decide.</summary>
    public bool? UseMmap { get; init; }

    /// <summary>Optional LoRA adapter (GGUF) applied on load.</summary>
    public string? AdapterPath { get; init; }

    /// <summary>Cells of the KV pool all sequences share; null (the default) sizes it by <see cref="PoolCells"/>.</summary>
    public int? KvPool { get; init; }

    /// <summary>Cells of the KV pool all sequences share: <see cref="KvPool"/>, at least one context.</summary>
    public int KvPoolCells => Math.Max(ContextLength, KvPool ?? PoolCells(ContextLength, Parallel));

    /// <summary>Below this many cells a pool is sized for every sequence at full context.</summary>
    public const int SmallPoolCells = 8192;

    /// <summary>
    /// The KV pool for <paramref name="parallel"/> sequences of up to <paramref name="contextLength"/> tokens each: one
    /// pool shared by all of them, so parallelism does not multiply the memory reserved up front. It holds at least
    /// one full context (a single request can always use all of it) and, while that stays small, a full context per
    /// sequence (<c>contextLength x parallel</c>, up to <see cref="SmallPoolCells"/>), so short contexts never wait
    /// for room. When the sequences together need more cells than the pool has, newer ones wait for room (and a
    /// running one is paused and resumed later) instead of failing.
    /// </summary>
    public static int PoolCells(int contextLength, int parallel)
    {
        var full = (long)Math.Max(1, contextLength) * Math.Max(1, parallel);
        return (int)Math.Max(Math.Max(1, contextLength), Math.Min(full, SmallPoolCells));
    }
}
