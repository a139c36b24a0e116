namespace Corral.Inference;

/// <summary>
/// One loaded model. Methods are safe to call concurrently; a runner serves as many sequences at once as it was
/// loaded with (<see cref="RunnerLoadRequest.Parallel"/>) and queues the rest. No native handle crosses this interface,
/// so a runner can live in another process.
/// </summary>
public interface IModelRunner : IAsyncDisposable
{
    RunnerInfo Info { get; }

    /// <summary>Tokenizes text. <paramref name="addSpecial"/> adds BOS/EOS as the model wants; <paramref name="parseSpecial"/>
    /// turns special-token text such as <c>&lt;|im_start|&gt;</c> into the special token.</summary>
    int[] Tokenize(string text, bool addSpecial, bool parseSpecial);

    /// <summary>Turns tokens back into text (special tokens rendered as text).</summary>
    string Detokenize(ReadOnlySpan<int> tokens);

    /// <summary>Formats messages with the model's own chat template through the engine's built-in template support.
    /// Returns null when the model has no template the engine understands.</summary>
    string? ApplyChatTemplate(IReadOnlyList<ChatTurn> messages, bool addAssistantPrompt);

    /// <summary>Streams generated text. The last chunk has <see cref="RunnerChunk.Done"/> set and carries the statistics.
    /// Cancelling stops decoding at the next token and frees the sequence.</summary>
    IAsyncEnumerable<RunnerChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Embeds each input (already tokenized and fitted to the context) with the model's pooling.
    /// Vectors are returned as the model produces them (not normalized).</summary>
    ValueTask<EmbeddingResult> EmbedAsync(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken);
}
