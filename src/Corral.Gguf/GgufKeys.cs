namespace Corral.Gguf;

/// <summary>Well-known GGUF metadata keys. Per-architecture keys are prefixed with the architecture name.</summary>
public static class GgufKeys
{
    public const string Architecture = "general.architecture";
    public const string Name = "general.name";
    public const string Alignment = "general.alignment";
    public const string FileType = "general.file_type";
    public const string ParameterCount = "general.parameter_count";
    public const string QuantizationVersion = "general.quantization_version";
    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string TokenizerPre = "tokenizer.ggml.pre";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string Scores = "tokenizer.ggml.scores";
    public const string TokenType = "tokenizer.ggml.token_type";
    public const string Merges = "tokenizer.ggml.merges";
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";
    public const string UnknownTokenId = "tokenizer.ggml.unknown_token_id";
    public const string ChatTemplate = "tokenizer.chat_template";

    public const string ContextLength = "context_length";
    public const string EmbeddingLength = "embedding_length";
    public const string BlockCount = "block_count";
    public const string FeedForwardLength = "feed_forward_length";
    public const string HeadCount = "attention.head_count";
    public const string HeadCountKv = "attention.head_count_kv";
    public const string KeyLength = "attention.key_length";
    public const string ValueLength = "attention.value_length";
    public const string LayerNormRmsEpsilon = "attention.layer_norm_rms_epsilon";
    public const string RopeDimensionCount = "rope.dimension_count";
    public const string RopeFreqBase = "rope.freq_base";
    public const string PoolingType = "pooling_type";
    public const string VocabSize = "vocab_size";

    /// <summary>Builds an architecture-specific key, e.g. <c>ForArchitecture("llama", ContextLength)</c> is "llama.context_length".</summary>
    public static string ForArchitecture(string architecture, string suffix) => $"{architecture}.{suffix}";
}
