namespace Corral.Gguf.Tests;

public sealed class GgmlTypeInfoTests
{
    [Theory]
    [InlineData(GgmlType.F32, 1, 4)]
    [InlineData(GgmlType.F16, 1, 2)]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q4_1, 32, 20)]
    [InlineData(GgmlType.Q5_0, 32, 22)]
    [InlineData(GgmlType.Q5_1, 32, 24)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q8_1, 32, 36)]
    [InlineData(GgmlType.Q2_K, 256, 84)]
    [InlineData(GgmlType.Q3_K, 256, 110)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.Q5_K, 256, 176)]
    [InlineData(GgmlType.Q6_K, 256, 210)]
    [InlineData(GgmlType.Q8_K, 256, 292)]
    [InlineData(GgmlType.IQ2_XXS, 256, 66)]
    [InlineData(GgmlType.IQ2_XS, 256, 74)]
    [InlineData(GgmlType.IQ3_XXS, 256, 98)]
    [InlineData(GgmlType.IQ1_S, 256, 50)]
    [InlineData(GgmlType.IQ4_NL, 32, 18)]
    [InlineData(GgmlType.IQ3_S, 256, 110)]
    [InlineData(GgmlType.IQ2_S, 256, 82)]
    [InlineData(GgmlType.IQ4_XS, 256, 136)]
    [InlineData(GgmlType.I8, 1, 1)]
    [InlineData(GgmlType.I16, 1, 2)]
    [InlineData(GgmlType.I32, 1, 4)]
    [InlineData(GgmlType.I64, 1, 8)]
    [InlineData(GgmlType.F64, 1, 8)]
    [InlineData(GgmlType.IQ1_M, 256, 56)]
    [InlineData(GgmlType.BF16, 1, 2)]
    [InlineData(GgmlType.TQ1_0, 256, 54)]
    [InlineData(GgmlType.TQ2_0, 256, 66)]
    [InlineData(GgmlType.MXFP4, 32, 17)]
    public void Layout_matches_ggml(GgmlType type, int blockSize, int bytesPerBlock)
    {
        var info = GgmlTypeInfo.Get(type);
        Assert.Equal(blockSize, info.BlockSize);
        Assert.Equal(bytesPerBlock, info.BytesPerBlock);
        Assert.Equal(type.ToString(), info.Name);
    }

    [Fact]
    public void Table_covers_every_enum_value_and_no_removed_id()
    {
        Assert.Equal(Enum.GetValues<GgmlType>().Length, GgmlTypeInfo.All.Count);
        foreach (uint removed in new uint[] { 4, 5, 31, 32, 33, 36, 37, 38, 40, 1000 })
        {
            Assert.False(GgmlTypeInfo.TryGet(removed, out _));
        }
    }

    [Fact]
    public void Byte_size_requires_whole_blocks_and_detects_overflow()
    {
        var q4 = GgmlTypeInfo.Get(GgmlType.Q4_0);
        Assert.Equal(18 * 2, q4.TryGetByteSize(64));
        Assert.Null(q4.TryGetByteSize(33));
        Assert.Null(GgmlTypeInfo.Get(GgmlType.F64).TryGetByteSize(long.MaxValue));
    }
}
