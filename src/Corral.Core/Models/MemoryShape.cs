namespace Corral.Core.Models;

/// <summary>The hyperparameters memory depends on.</summary>
/// <param name="WeightsBytes">Bytes of all tensors.</param>
/// <param name="LayerCount">n_layer.</param>
/// <param name="EmbeddingLength">n_embd.</param>
/// <param name="HeadCountKv">n_head_kv.</param>
/// <param name="KeyLength">Key length per head.</param>
/// <param name="ValueLength">Value length per head.</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="VocabSize">n_vocab.</param>
/// <param name="TrainedContextLength">The context the model was trained with; 0 when unknown.</param>
public sealed record MemoryShape(
    long WeightsBytes, int LayerCount, int EmbeddingLength, int HeadCountKv, int KeyLength, int ValueLength,
    int FeedForwardLength, int VocabSize, int TrainedContextLength);
