namespace Corral.Inference.LlamaSharp;

public sealed partial class LlamaSharpRunner
{
    /// <inheritdoc />
    public ValueTask<EmbeddingResult> EmbedAsync(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ThrowIfDisposed();
        return _embeddings.EmbedAsync(inputs, Info.VocabSize, cancellationToken);
    }
}
