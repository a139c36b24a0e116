namespace Corral.Gguf.Tests;

public sealed class InvalidFileTests
{
    [Fact]
    public void Version_1_is_rejected_as_unsupported()
    {
        var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(TestModels.PathOf("invalid/stories260K-ggufv1-legacy.gguf")));
        Assert.Contains("version 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void Q8_0_rows_not_a_multiple_of_the_block_size_name_the_tensor()
    {
        var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(TestModels.PathOf("invalid/stories260K-Q8_0-ggufv2-INVALID.gguf")));
        Assert.Contains("'blk.0.ffn_down.weight'", e.Message, StringComparison.Ordinal);
        Assert.Contains("block size 32", e.Message, StringComparison.Ordinal);
        Assert.Contains("Q8_0", e.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_names_the_key()
    {
        var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(TestModels.PathOf("invalid/ggml-vocab-dbrx-duplicate-key.gguf")));
        Assert.Contains("duplicate metadata key 'general.file_type'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid/stories260K-ggufv1-legacy.gguf")]
    [InlineData("invalid/stories260K-Q8_0-ggufv2-INVALID.gguf")]
    [InlineData("invalid/ggml-vocab-dbrx-duplicate-key.gguf")]
    public void Messages_never_contain_the_path(string relative)
    {
        string path = TestModels.PathOf(relative);
        var e = Assert.Throws<GgufFormatException>(() => GgufFile.Open(path));
        Assert.DoesNotContain(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestModels.Directory, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
    }
}
