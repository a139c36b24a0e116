using Corral.Gguf;
using Corral.Inference;

namespace Corral.Core.Models;

/// <summary>
/// Estimates a load from the GGUF alone, with llama.cpp's own sizing rules (b10221, CPU, flash attention on as
/// <c>auto</c> chooses on CPU, F16 KV cache, one unified KV pool of <see cref="RunnerLoadRequest.PoolCells"/> cells shared by the sequences):
/// <list type="bullet">
/// <item>weights: the tensors' bytes;</item>
/// <item>KV cache: n_layer x cells x (n_embd_k_gqa + n_embd_v_gqa) x 2 bytes;</item>
/// <item>output: n_vocab floats per sequence;</item>
/// <item>compute: the larger of the output step (n_ubatch x (n_vocab + 2 n_embd) floats) and a layer step
/// (n_ubatch x (3 n_ff + 4 n_embd) floats plus the F16 attention mask, n_ubatch x cells x 2 bytes).</item>
/// </list>
/// Checked against what llama.cpp reports in the tests (within 10%; the formulas match to under 1% on the shared models).
/// </summary>
public static class MemoryEstimator
{
    private const int KvBytesPerElement = 2; // F16 K and V, llama.cpp's default cache type
    private const int MaxMicroBatch = 512;   // Corral's n_ubatch cap (see the LlamaSharp ModelLoader)

    /// <summary>The shape the estimate needs, read from a GGUF header.</summary>
    public static MemoryShape ShapeOf(string ggufPath)
    {
        var info = GgufFile.Open(ggufPath, new GgufReadOptions { MaxLoadedArrayLength = 64 }).ModelInfo;
        var heads = (int)(info.HeadCount ?? 1);
        var embd = (int)(info.EmbeddingLength ?? 0);
        var headDim = heads > 0 ? embd / heads : 0;
        return new MemoryShape(
            info.TensorBytes,
            (int)(info.BlockCount ?? 0),
            embd,
            (int)(info.HeadCountKv ?? (ulong)heads),
            (int)(info.KeyLength ?? (ulong)headDim),
            (int)(info.ValueLength ?? (ulong)headDim),
            (int)(info.FeedForwardLength ?? 0),
            (int)Math.Min(int.MaxValue, info.VocabSize ?? 0),
            (int)Math.Min(int.MaxValue, info.ContextLength ?? 0));
    }

    /// <summary>Estimates a load of <paramref name="shape"/> with the given context per sequence, sequences and batch.</summary>
    public static MemoryEstimate Estimate(MemoryShape shape, int contextLength, int parallel, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        long cells = RunnerLoadRequest.PoolCells(contextLength, parallel);
        long batch = Math.Max(Math.Min(batchSize, cells), parallel);
        long ubatch = Math.Min(batch, MaxMicroBatch);
        long kvPerCell = (long)shape.HeadCountKv * (shape.KeyLength + shape.ValueLength);
        long kv = shape.LayerCount * cells * kvPerCell * KvBytesPerElement;
        long output = (long)shape.VocabSize * sizeof(float) * parallel;
        long outputStep = ubatch * ((long)shape.VocabSize + (2L * shape.EmbeddingLength)) * sizeof(float);
        long layerStep = (ubatch * ((3L * shape.FeedForwardLength) + (4L * shape.EmbeddingLength)) * sizeof(float)) + (ubatch * cells * 2);
        return new MemoryEstimate(shape.WeightsBytes, kv, output, Math.Max(outputStep, layerStep), contextLength, parallel);
    }
}
