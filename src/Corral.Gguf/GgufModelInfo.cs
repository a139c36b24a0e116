namespace Corral.Gguf;

/// <summary>
/// Model-level facts read from a GGUF file's metadata and tensor table, for <c>show</c>, capability detection and
/// memory estimates. Hyperparameters are null when absent (or not a scalar integer).
/// </summary>
public sealed record GgufModelInfo
{
    /// <summary><c>general.architecture</c>, e.g. "llama".</summary>
    public string? Architecture { get; init; }

    /// <summary><c>general.name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>&lt;arch&gt;.context_length</c>: the trained context length.</summary>
    public ulong? ContextLength { get; init; }

    /// <summary><c>&lt;arch&gt;.embedding_length</c> (n_embd).</summary>
    public ulong? EmbeddingLength { get; init; }

    /// <summary><c>&lt;arch&gt;.block_count</c> (n_layer).</summary>
    public ulong? BlockCount { get; init; }

    /// <summary><c>&lt;arch&gt;.feed_forward_length</c> (n_ff).</summary>
    public ulong? FeedForwardLength { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.head_count</c>.</summary>
    public ulong? HeadCount { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.head_count_kv</c>, defaulting to <see cref="HeadCount"/> as llama.cpp does.</summary>
    public ulong? HeadCountKv { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.key_length</c>, else embedding_length / head_count (llama.cpp's default).</summary>
    public ulong? KeyLength { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.value_length</c>, else embedding_length / head_count.</summary>
    public ulong? ValueLength { get; init; }

    /// <summary><c>&lt;arch&gt;.pooling_type</c> (embedding models: 0 none, 1 mean, 2 cls, 3 last, 4 rank).</summary>
    public ulong? PoolingType { get; init; }

    /// <summary><c>tokenizer.chat_template</c>.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary><c>tokenizer.ggml.model</c>, e.g. "llama" (SentencePiece) or "gpt2" (BPE).</summary>
    public string? TokenizerModel { get; init; }

    /// <summary>Number of tokens: the length of <c>tokenizer.ggml.tokens</c>, else <c>&lt;arch&gt;.vocab_size</c>, else the rows of token_embd.weight.</summary>
    public long? VocabSize { get; init; }

    /// <summary><c>general.file_type</c> (llama_ftype), when present.</summary>
    public ulong? FileType { get; init; }

    /// <summary>Ollama's quantization level name, e.g. "Q4_K_M" (see <see cref="GgufFileTypes.GetQuantizationLevel"/>).</summary>
    public string QuantizationLevel { get; init; } = "unknown";

    /// <summary>Total number of parameters: the sum of all tensors' element counts.</summary>
    public long ParameterCount { get; init; }

    /// <summary><see cref="ParameterCount"/> in Ollama's human form, e.g. "7.2B".</summary>
    public string ParameterSize => HumanNumber.Format((ulong)ParameterCount);

    /// <summary>Total bytes of tensor data (without alignment padding).</summary>
    public long TensorBytes { get; init; }

    /// <summary>Number of tensors.</summary>
    public int TensorCount { get; init; }

    /// <summary>Metadata in file order, used by <see cref="GetModelInfo"/>.</summary>
    public IReadOnlyList<GgufMetadataEntry> Metadata { get; init; } = [];

    /// <summary>
    /// The metadata as ordered (key, plain CLR value) pairs for Ollama's <c>/api/show</c> <c>model_info</c>.
    /// Like Ollama, arrays are null unless <paramref name="verbose"/> (or when not loaded), and
    /// <c>general.parameter_count</c> is added when the file does not carry it. Callers that mirror Ollama
    /// exactly may still drop <c>general.name</c> and <c>tokenizer.chat_template</c> and sort the keys.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> GetModelInfo(bool verbose = false)
    {
        var list = new List<KeyValuePair<string, object?>>(Metadata.Count + 1);
        bool hasParameterCount = false;
        foreach (var entry in Metadata)
        {
            hasParameterCount |= entry.Key == GgufKeys.ParameterCount;
            object? value = entry.Value.Type == GgufValueType.Array && !verbose ? null : entry.Value.ToObject();
            list.Add(new(entry.Key, value));
        }

        if (!hasParameterCount)
        {
            list.Add(new(GgufKeys.ParameterCount, (ulong)ParameterCount));
        }

        return list;
    }

    /// <summary>Derives the model facts of a parsed file.</summary>
    public static GgufModelInfo From(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var md = file.Metadata;
        string? arch = md.GetStringOrNull(GgufKeys.Architecture);
        ulong? Arch(string suffix) => arch is null ? null : md.GetUInt64OrNull(GgufKeys.ForArchitecture(arch, suffix));

        ulong? embd = Arch(GgufKeys.EmbeddingLength);
        ulong? heads = Arch(GgufKeys.HeadCount);
        ulong? headDim = embd is { } e && heads is > 0 ? e / heads.Value : null;
        long parameters = 0;
        long bytes = 0;
        foreach (var t in file.Tensors)
        {
            parameters = SaturatingAdd(parameters, t.ElementCount);
            bytes = SaturatingAdd(bytes, t.ByteSize);
        }

        return new GgufModelInfo
        {
            Architecture = arch,
            Name = md.GetStringOrNull(GgufKeys.Name),
            ContextLength = Arch(GgufKeys.ContextLength),
            EmbeddingLength = embd,
            BlockCount = Arch(GgufKeys.BlockCount),
            FeedForwardLength = Arch(GgufKeys.FeedForwardLength),
            HeadCount = heads,
            HeadCountKv = Arch(GgufKeys.HeadCountKv) ?? heads,
            KeyLength = Arch(GgufKeys.KeyLength) ?? headDim,
            ValueLength = Arch(GgufKeys.ValueLength) ?? headDim,
            PoolingType = Arch(GgufKeys.PoolingType),
            ChatTemplate = md.GetStringOrNull(GgufKeys.ChatTemplate),
            TokenizerModel = md.GetStringOrNull(GgufKeys.TokenizerModel),
            VocabSize = VocabSizeOf(file, arch),
            FileType = md.GetUInt64OrNull(GgufKeys.FileType),
            QuantizationLevel = GgufFileTypes.GetQuantizationLevel(file),
            ParameterCount = parameters,
            TensorBytes = bytes,
            TensorCount = file.Tensors.Count,
            Metadata = md.Entries,
        };
    }

    private static long? VocabSizeOf(GgufFile file, string? arch)
    {
        if (file.Metadata.TryGetArray(GgufKeys.Tokens, out var tokens))
        {
            return tokens.Count;
        }

        if (arch is not null && file.Metadata.TryGetInt64(GgufKeys.ForArchitecture(arch, GgufKeys.VocabSize), out long n))
        {
            return n;
        }

        return file.TryGetTensor("token_embd.weight", out var embd) && embd.Dimensions.Count >= 2 ? embd.Dimensions[1] : null;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
