namespace Corral.Core.Models;

/// <summary>What loading a model will allocate, estimated from its GGUF header alone (CPU placement).</summary>
/// <param name="WeightsBytes">Tensor data (llama.cpp's model buffers, repacked ones included).</param>
/// <param name="KvCacheBytes">The KV cache: n_layer x cells x (n_embd_k_gqa + n_embd_v_gqa) x bytes per element.</param>
/// <param name="OutputBytes">The logits buffer: n_vocab floats per sequence.</param>
/// <param name="ComputeBytes">The compute buffer for the worst-case micro-batch.</param>
/// <param name="ContextLength">Context per sequence the estimate is for.</param>
/// <param name="Parallel">Sequences sharing the KV pool.</param>
public sealed record MemoryEstimate(long WeightsBytes, long KvCacheBytes, long OutputBytes, long ComputeBytes, int ContextLength, int Parallel)
{
    /// <summary>Everything together.</summary>
    public long TotalBytes => WeightsBytes + KvCacheBytes + OutputBytes + ComputeBytes;

    /// <summary>What the load needs besides the weights (the anonymous, non-file-backed part).</summary>
    public long ContextBytes => KvCacheBytes + OutputBytes + ComputeBytes;
}
