namespace Corral.Inference;

/// <summary>Everything that decides how a model is placed in memory. Changing any of these needs a reload.</summary>
public sealed record RunnerLoadRequest
{
    /// <summary>Absolute path of the GGUF weights.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Context length of one sequence (Ollama's <c>num_ctx</c>).</summary>
    public int ContextLength { get; init; } = 2048;

    /// <summary>How many sequences may run at once; the KV cache is sized for <c>ContextLength * Parallel</c>.</summary>
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
}
