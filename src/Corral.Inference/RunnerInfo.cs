namespace Corral.Inference;

/// <summary>What a loaded runner reports about itself.</summary>
public sealed record RunnerInfo
{
    /// <summary>Context the model was trained with (<c>&lt;arch&gt;.context_length</c>).</summary>
    public int TrainedContextLength { get; init; }

    /// <summary>Context length per sequence actually allocated.</summary>
    public int ContextLength { get; init; }

    /// <summary>Longest input an embedding request may have: the context, up to <see cref="MaxEmbeddingContext"/>
    /// (an embedding input is one micro-batch, whose compute buffer grows with its square); 0 means <see cref="ContextLength"/>.</summary>
    public int EmbeddingContextLength { get; init; }

    /// <summary>The cap on <see cref="EmbeddingContextLength"/>.</summary>
    public const int MaxEmbeddingContext = 8192;

    /// <summary><see cref="EmbeddingContextLength"/>, or <see cref="ContextLength"/> when it is not set.</summary>
    public int EmbeddingLimit => EmbeddingContextLength > 0 ? EmbeddingContextLength : ContextLength;

    /// <summary>Number of sequences that can decode at once.</summary>
    public int Parallel { get; init; } = 1;

    public int EmbeddingLength { get; init; }

    public int VocabSize { get; init; }

    /// <summary>Whether the tokenizer adds a BOS token to a prompt.</summary>
    public bool AddsBos { get; init; }

    /// <summary>Bytes of memory the loaded model holds (weights, KV cache, compute buffers).</summary>
    public long SizeBytes { get; init; }

    /// <summary>Of <see cref="SizeBytes"/>, bytes held in GPU memory.</summary>
    public long SizeVramBytes { get; init; }

    /// <summary>Threads used for generation and for prompt processing.</summary>
    public int Threads { get; init; }

    /// <summary>KV cache cells allocated up front (tokens, all sequences together); 0 when unknown.</summary>
    public int KvCacheTokens { get; init; }

    /// <summary>Bytes of the KV cache (part of <see cref="SizeBytes"/>); 0 when unknown.</summary>
    public long KvCacheBytes { get; init; }

    /// <summary>Whether the sequences share one KV pool (a shared prompt prefix is stored once) rather than fixed per-sequence slices.</summary>
    public bool KvCacheShared { get; init; }

    /// <summary>The GGUF's <c>tokenizer.chat_template</c>, if any.</summary>
    public string? ChatTemplate { get; init; }
}
