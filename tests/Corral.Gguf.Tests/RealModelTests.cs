namespace Corral.Gguf.Tests;

public sealed class RealModelTests
{
    public static TheoryData<string> AllValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.EnumerateFiles(TestModels.Directory, "*.gguf", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestModels.Directory, f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllValidFiles))]
    public void Every_shared_file_parses_with_consistent_tables(string relative)
    {
        var file = GgufFile.Open(TestModels.PathOf(relative));
        Assert.Equal(3u, file.Version);
        Assert.NotNull(file.Architecture);
        Assert.True(file.Metadata.TryGetArray(GgufKeys.Tokens, out var tokens));
        Assert.True(tokens.IsLoaded);
        Assert.Equal(file.ModelInfo.VocabSize, tokens.Count);
        Assert.Equal(0, file.DataOffset % file.Alignment);
        foreach (var t in file.Tensors)
        {
            Assert.Equal(0, t.Offset % file.Alignment);
            Assert.True(t.DataOffset + t.ByteSize <= file.FileSize);
        }
    }

    [Theory]
    [InlineData("stories260K.gguf", 48, 2048UL, 64UL, 5UL, 8UL, 4UL, 512L, "F32", 292_800L, "293K")]
    [InlineData("tiny-random.gguf", 12, 4096UL, 8UL, 1UL, 2UL, 2UL, 32000L, "F16", 513_048L, "513K")]
    [InlineData("TinyLLama-v0-Q4_0.gguf", 75, 2048UL, 64UL, 8UL, 16UL, 16UL, 32000L, "Q4_0", 4_621_376L, "4.62M")]
    [InlineData("TinyLLama-v0-Q4_0-chatml.gguf", 75, 2048UL, 64UL, 8UL, 16UL, 16UL, 32000L, "Q4_0", 4_621_376L, "4.62M")]
    public void Known_models_have_known_facts(
        string name, int tensors, ulong context, ulong embd, ulong blocks, ulong heads, ulong headsKv, long vocab,
        string quantization, long parameters, string parameterSize)
    {
        var info = GgufFile.Open(TestModels.PathOf(name)).ModelInfo;
        Assert.Equal("llama", info.Architecture);
        Assert.Equal(tensors, info.TensorCount);
        Assert.Equal(context, info.ContextLength);
        Assert.Equal(embd, info.EmbeddingLength);
        Assert.Equal(blocks, info.BlockCount);
        Assert.Equal(heads, info.HeadCount);
        Assert.Equal(headsKv, info.HeadCountKv);
        Assert.Equal(embd / heads, info.KeyLength);
        Assert.Equal(vocab, info.VocabSize);
        Assert.Equal("llama", info.TokenizerModel);
        Assert.Equal(quantization, info.QuantizationLevel);
        Assert.Equal(parameters, info.ParameterCount);
        Assert.Equal(parameterSize, info.ParameterSize);
        Assert.True(info.TensorBytes > 0);
    }

    [Fact]
    public void Chatml_file_has_chat_template_and_plain_one_has_none()
    {
        var chatml = GgufFile.Open(TestModels.PathOf("TinyLLama-v0-Q4_0-chatml.gguf")).ModelInfo;
        Assert.Contains("<|im_start|>", chatml.ChatTemplate, StringComparison.Ordinal);
        Assert.Null(GgufFile.Open(TestModels.PathOf("TinyLLama-v0-Q4_0.gguf")).ModelInfo.ChatTemplate);
        Assert.NotNull(GgufFile.Open(TestModels.PathOf("vocab/ggml-vocab-phi-3.gguf")).ModelInfo.ChatTemplate);
    }

    [Theory]
    [InlineData("vocab/ggml-vocab-gpt-2.gguf", "gpt2", "gpt2", 50257L)]
    [InlineData("vocab/ggml-vocab-llama-spm.gguf", "llama", "llama", 32000L)]
    [InlineData("vocab/ggml-vocab-bert-bge.gguf", "bert", "bert", 30522L)]
    [InlineData("vocab/ggml-vocab-falcon.gguf", "falcon", "gpt2", 65024L)]
    [InlineData("vocab/ggml-vocab-deepseek-llm.gguf", "llama", "gpt2", 102400L)]
    public void Vocab_files_have_known_tokenizers(string name, string arch, string tokenizer, long vocab)
    {
        var file = GgufFile.Open(TestModels.PathOf(name));
        Assert.Empty(file.Tensors);
        Assert.Equal(arch, file.ModelInfo.Architecture);
        Assert.Equal(tokenizer, file.ModelInfo.TokenizerModel);
        Assert.Equal(vocab, file.ModelInfo.VocabSize);
        Assert.Equal(0, file.ModelInfo.ParameterCount);
    }

    [Fact]
    public void Stories_metadata_and_tensor_table_are_read_exactly()
    {
        var file = GgufFile.Open(TestModels.PathOf("stories260K.gguf"));
        Assert.Equal(32u, file.Alignment);
        Assert.True(file.TryGetTensor("token_embd.weight", out var embd));
        Assert.Equal(GgmlType.F32, embd.Type);
        Assert.Equal([64L, 512L], embd.Dimensions);
        Assert.True(file.TryGetTensor("blk.4.ffn_down.weight", out var down));
        Assert.Equal([172L, 64L], down.Dimensions);
        Assert.True(file.Metadata.TryGetDouble("llama.attention.layer_norm_rms_epsilon", out double eps));
        Assert.Equal(1e-5, eps, 1e-9);
        Assert.True(file.Metadata.TryGetStringArray(GgufKeys.Tokens, out var tokens));
        Assert.Equal("<unk>", tokens.Span[0]);
        Assert.True(file.Metadata.TryGetArray(GgufKeys.Scores, out var scores));
        Assert.Equal(GgufValueType.Float32, scores.ElementType);
        Assert.Equal(512, scores.GetValues<float>().Length);
    }

    [Fact]
    public void Typed_getters_tolerate_the_stored_integer_width()
    {
        var md = GgufFile.Open(TestModels.PathOf("stories260K.gguf")).Metadata;
        Assert.True(md.TryGetValue("llama.context_length", out var raw));
        Assert.Equal(GgufValueType.UInt32, raw.Type);
        Assert.True(md.TryGetUInt64("llama.context_length", out ulong u64));
        Assert.True(md.TryGetInt64("llama.context_length", out long i64));
        Assert.True(md.TryGetInt32("llama.context_length", out int i32));
        Assert.True(md.TryGetDouble("llama.context_length", out double d));
        Assert.Equal(2048UL, u64);
        Assert.Equal(2048L, i64);
        Assert.Equal(2048, i32);
        Assert.Equal(2048d, d);
        Assert.False(md.TryGetString("llama.context_length", out _));
        Assert.False(md.TryGetUInt64("general.architecture", out _));
    }

    [Fact]
    public void Model_info_for_show_hides_arrays_unless_verbose()
    {
        var info = GgufFile.Open(TestModels.PathOf("stories260K.gguf")).ModelInfo;
        var brief = info.GetModelInfo();
        Assert.Equal(info.Metadata.Select(e => e.Key), brief.Take(info.Metadata.Count).Select(kv => kv.Key));
        Assert.Contains(brief, kv => kv.Key == GgufKeys.Architecture && Equals(kv.Value, "llama"));
        Assert.Contains(brief, kv => kv.Key == GgufKeys.Tokens && kv.Value is null);
        Assert.Contains(brief, kv => kv.Key == GgufKeys.ParameterCount && Equals(kv.Value, 292_800UL));
        Assert.Contains(brief, kv => kv.Key == "llama.context_length" && Equals(kv.Value, 2048u));
        var verbose = info.GetModelInfo(verbose: true);
        Assert.Contains(verbose, kv => kv.Key == GgufKeys.Tokens && kv.Value is string[] { Length: 512 });
    }

    [Fact]
    public void Large_arrays_can_be_skipped_and_loaded_later()
    {
        string path = TestModels.PathOf("vocab/ggml-vocab-gpt-2.gguf");
        using var stream = File.OpenRead(path);
        var file = GgufReader.Read(stream, new GgufReadOptions { MaxLoadedArrayLength = 16 });
        Assert.True(file.Metadata.TryGetArray(GgufKeys.Tokens, out var tokens));
        Assert.False(tokens.IsLoaded);
        Assert.Equal(50257, tokens.Count);
        Assert.Equal(50257, file.ModelInfo.VocabSize);
        var loaded = GgufReader.LoadArray(stream, tokens);
        Assert.Equal("!", loaded.GetValues<string>().Span[0]);
        Assert.Equal(50257, loaded.GetValues<string>().Length);
    }
}
