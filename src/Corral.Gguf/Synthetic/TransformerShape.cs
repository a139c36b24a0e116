namespace Corral.Gguf.Synthetic;

/// <summary>
/// Hyperparameters of a llama-family decoder (llama, qwen2, ...) for <see cref="SyntheticLlamaModel"/>.
/// The vocabulary size comes from the <see cref="SyntheticVocabulary"/>, not from the shape.
/// </summary>
/// <param name="EmbeddingLength">n_embd.</param>
/// <param name="BlockCount">n_layer.</param>
/// <param name="HeadCount">n_head; must divide <paramref name="EmbeddingLength"/>.</param>
/// <param name="HeadCountKv">n_head_kv; must divide <paramref name="HeadCount"/>.</param>
/// <param name="FeedForwardLength">n_ff.</param>
/// <param name="ContextLength">Trained context length written to <c>&lt;arch&gt;.context_length</c>.</param>
public sealed record TransformerShape(int EmbeddingLength, int BlockCount, int HeadCount, int HeadCountKv, int FeedForwardLength, int ContextLength)
{
    /// <summary>llama.cpp architecture name; its tensor layout must be the llama one (optionally with QKV biases).</summary>
    public string Architecture { get; init; } = "llama";

    /// <summary>RMS norm epsilon.</summary>
    public float RmsNormEpsilon { get; init; } = 1e-5f;

    /// <summary>RoPE base frequency.</summary>
    public float RopeFreqBase { get; init; } = 10000f;

    /// <summary>When true no output.weight is written and llama.cpp ties the output to token_embd.weight.</summary>
    public bool TiedOutput { get; init; }

    /// <summary>When true, attn_q/k/v get bias vectors (the qwen2 layout).</summary>
    public bool AttentionQkvBias { get; init; }

    /// <summary>Per-head dimension (n_embd / n_head).</summary>
    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>A tiny llama shape that loads and runs in milliseconds: 64 wide, 2 layers, 4 heads (2 KV), n_ff 128, context 256.</summary>
    public static TransformerShape TinyLlama { get; } = new(64, 2, 4, 2, 128, 256);

    /// <summary>Llama 3.2 1B's shape (tied output, RoPE base 500000). Use with a ~128K-token vocabulary for realistic size.</summary>
    public static TransformerShape Llama32_1B { get; } = new(2048, 16, 32, 8, 8192, 131072)
    {
        RopeFreqBase = 500000f,
        TiedOutput = true,
    };

    /// <summary>Qwen2 0.5B's shape (qwen2 architecture: QKV biases, tied output, RoPE base 1e6, eps 1e-6).</summary>
    public static TransformerShape Qwen2_0_5B { get; } = new(896, 24, 14, 2, 4864, 32768)
    {
        Architecture = "qwen2",
        RmsNormEpsilon = 1e-6f,
        RopeFreqBase = 1000000f,
        TiedOutput = true,
        AttentionQkvBias = true,
    };

    /// <summary>Throws when the shape is inconsistent.</summary>
    public void Validate()
    {
        if (EmbeddingLength < 1 || BlockCount < 1 || HeadCount < 1 || HeadCountKv < 1 || FeedForwardLength < 1 || ContextLength < 1)
        {
            throw new ArgumentException("All shape values must be positive.");
        }

        if (EmbeddingLength % HeadCount != 0 || HeadCount % HeadCountKv != 0)
        {
            throw new ArgumentException("n_embd must be a multiple of n_head, and n_head a multiple of n_head_kv.");
        }

        if (string.IsNullOrWhiteSpace(Architecture))
        {
            throw new ArgumentException("Architecture is required.");
        }
    }
}
