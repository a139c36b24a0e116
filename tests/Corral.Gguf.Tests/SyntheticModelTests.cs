using Corral.Gguf.Synthetic;

namespace Corral.Gguf.Tests;

public sealed class SyntheticModelTests
{
    private static (GgufFile File, byte[] Bytes) Build(SyntheticLlamaModel model)
    {
        var stream = new MemoryStream();
        model.WriteTo(stream);
        byte[] bytes = stream.ToArray();
        return (RawGguf.Parse(bytes), bytes);
    }

    [Fact]
    public void Builtin_vocab_model_has_the_expected_hparams_and_tensors()
    {
        var shape = new TransformerShape(EmbeddingLength: 32, BlockCount: 3, HeadCount: 4, HeadCountKv: 2, FeedForwardLength: 96, ContextLength: 512);
        var model = new SyntheticLlamaModel(shape, SyntheticVocabulary.BuiltInSpm()) { Seed = 5 };
        var (file, _) = Build(model);
        var info = file.ModelInfo;

        Assert.Equal("llama", info.Architecture);
        Assert.Equal(512UL, info.ContextLength);
        Assert.Equal(32UL, info.EmbeddingLength);
        Assert.Equal(3UL, info.BlockCount);
        Assert.Equal(96UL, info.FeedForwardLength);
        Assert.Equal(4UL, info.HeadCount);
        Assert.Equal(2UL, info.HeadCountKv);
        Assert.Equal(8UL, info.KeyLength);
        Assert.Equal("llama", info.TokenizerModel);
        Assert.Equal("F32", info.QuantizationLevel);
        Assert.True(file.Metadata.TryGetUInt32("llama.rope.dimension_count", out uint rope));
        Assert.Equal(8u, rope);
        Assert.True(file.Metadata.TryGetDouble("llama.attention.layer_norm_rms_epsilon", out double eps));
        Assert.Equal(1e-5, eps, 1e-9);

        int vocab = model.Vocabulary.TokenCount;
        Assert.Equal(vocab, info.VocabSize);
        Assert.Equal(2 + (3 * 9) + 1, file.Tensors.Count);
        Assert.True(file.TryGetTensor("token_embd.weight", out var embd));
        Assert.Equal([32L, vocab], embd.Dimensions);
        Assert.True(file.TryGetTensor("blk.2.attn_k.weight", out var k));
        Assert.Equal([32L, 16L], k.Dimensions);
        Assert.True(file.TryGetTensor("blk.0.ffn_down.weight", out var down));
        Assert.Equal([96L, 32L], down.Dimensions);
        Assert.True(file.TryGetTensor("output.weight", out _));
        Assert.Equal(model.ParameterCount, info.ParameterCount);
    }

    [Fact]
    public void Builtin_vocab_has_control_byte_and_word_tokens()
    {
        var vocab = SyntheticVocabulary.BuiltInSpm();
        var tokens = vocab.Entries.Single(e => e.Key == GgufKeys.Tokens).Value;
        Assert.True(tokens.TryGetArray(out var array));
        string[] list = array.GetValues<string>().ToArray();
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], list[..4]);
        Assert.Equal("<0xFF>", list[258]);
        Assert.Contains("\u2581the", list);
        Assert.Equal(list.Length, list.Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(list.Length, 400, 1000);
    }

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_different_weights()
    {
        var vocab = SyntheticVocabulary.BuiltInSpm();
        var (_, a) = Build(new SyntheticLlamaModel(TransformerShape.TinyLlama, vocab) { Seed = 1 });
        var (_, b) = Build(new SyntheticLlamaModel(TransformerShape.TinyLlama, vocab) { Seed = 1 });
        var (_, c) = Build(new SyntheticLlamaModel(TransformerShape.TinyLlama, vocab) { Seed = 2 });
        Assert.Equal(a, b);
        Assert.Equal(a.Length, c.Length);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void F16_weights_and_tied_output_are_supported()
    {
        var model = new SyntheticLlamaModel(TransformerShape.TinyLlama with { TiedOutput = true }, SyntheticVocabulary.BuiltInSpm())
        {
            WeightType = GgmlType.F16,
        };
        var (file, _) = Build(model);
        Assert.False(file.TryGetTensor("output.weight", out _));
        Assert.Equal(GgmlType.F16, file.Tensors.Single(t => t.Name == "blk.0.attn_q.weight").Type);
        Assert.Equal(GgmlType.F32, file.Tensors.Single(t => t.Name == "blk.0.attn_norm.weight").Type);
        Assert.Equal("F16", file.ModelInfo.QuantizationLevel);
    }

    [Fact]
    public void Qwen2_layout_adds_qkv_biases()
    {
        var shape = TransformerShape.Qwen2_0_5B with { EmbeddingLength = 56, BlockCount = 1, HeadCount = 7, HeadCountKv = 1, FeedForwardLength = 64 };
        var (file, _) = Build(new SyntheticLlamaModel(shape, SyntheticVocabulary.BuiltInSpm()));
        Assert.Equal("qwen2", file.Architecture);
        Assert.True(file.TryGetTensor("blk.0.attn_k.bias", out var bias));
        Assert.Equal([8L], bias.Dimensions);
        Assert.True(file.Metadata.TryGetUInt64("qwen2.attention.head_count_kv", out ulong kv));
        Assert.Equal(1UL, kv);
    }

    [Fact]
    public void Vocabulary_can_be_copied_from_a_real_gguf()
    {
        var source = GgufFile.Open(TestModels.PathOf("vocab/ggml-vocab-gpt-2.gguf"));
        var vocab = SyntheticVocabulary.CopyFrom(source);
        Assert.Equal(50257, vocab.TokenCount);
        var shape = new TransformerShape(16, 1, 2, 1, 32, 128) { TiedOutput = true };
        var (file, _) = Build(new SyntheticLlamaModel(shape, vocab));
        Assert.Equal("gpt2", file.ModelInfo.TokenizerModel);
        Assert.Equal(50257, file.ModelInfo.VocabSize);
        Assert.True(file.TryGetTensor("token_embd.weight", out var embd));
        Assert.Equal([16L, 50257L], embd.Dimensions);
        var copied = source.Metadata.Entries.Where(e => e.Key.StartsWith("tokenizer.", StringComparison.Ordinal)).Select(e => e.Key);
        Assert.All(copied, key => Assert.True(file.Metadata.ContainsKey(key), key));
        Assert.True(file.Metadata.TryGetArray(GgufKeys.Merges, out var merges));
        Assert.True(merges.Count > 40000);
    }

    [Fact]
    public void Invalid_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SyntheticLlamaModel(new TransformerShape(30, 1, 4, 2, 8, 8), SyntheticVocabulary.BuiltInSpm()));
        Assert.Throws<ArgumentException>(() => new SyntheticLlamaModel(new TransformerShape(32, 1, 4, 3, 8, 8), SyntheticVocabulary.BuiltInSpm()));
    }
}
