namespace Corral.Gguf.Tests;

/// <summary>Hand-crafted hostile or malformed inputs: each must fail fast with a clear <see cref="GgufFormatException"/>.</summary>
public sealed class CraftedFileTests
{
    private static readonly GgufReadOptions NoLimits = new()
    {
        MaxStringLength = long.MaxValue,
        MaxArrayLength = long.MaxValue,
        MaxKeyValueCount = long.MaxValue,
        MaxTensorCount = long.MaxValue,
    };

    private static GgufFormatException Fails(byte[] bytes, string expectedFragment, GgufReadOptions? options = null)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes, writable: false), options));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(expectedFragment, e.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Huge_string_length_fails_without_allocating(bool withoutLimits)
    {
        byte[] bytes = RawGguf.Header(0, 1).U64(1UL << 62).Raw("general.name"u8).ToArray();
        var e = Fails(bytes, withoutLimits ? "remain in the file" : "limit", withoutLimits ? NoLimits : null);
        Assert.Equal(24, e.Offset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Huge_array_count_fails_without_allocating(bool withoutLimits)
    {
        foreach (var type in new[] { GgufValueType.UInt8, GgufValueType.String, GgufValueType.Float64 })
        {
            byte[] bytes = RawGguf.Header(0, 1).Str("tokenizer.ggml.tokens").U32((uint)GgufValueType.Array)
                .U32((uint)type).U64(1UL << 62).Zeros(64).ToArray();
            Fails(bytes, "tokenizer.ggml.tokens", withoutLimits ? NoLimits : null);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Huge_tensor_or_kv_count_fails_fast(bool withoutLimits)
    {
        var options = withoutLimits ? NoLimits : null;
        Fails(RawGguf.Header(1UL << 40, 0).Zeros(100).ToArray(), "tensor count", options);
        Fails(RawGguf.Header(0, 1UL << 40).Zeros(100).ToArray(), "key/value count", options);
        Fails(RawGguf.Header(ulong.MaxValue, 0).ToArray(), "tensor count", options);
    }

    [Fact]
    public void Header_problems_are_named()
    {
        Fails("GGU"u8.ToArray(), "too short");
        Fails(new RawGguf().Raw("GGML"u8).U32(3).U64(0).U64(0).ToArray(), "not a GGUF file");
        Fails(new RawGguf().Raw("GGUF"u8).U32(0x03000000).U64(0).U64(0).ToArray(), "big-endian");
        Fails(RawGguf.Header(0, 0, version: 4).ToArray(), "unsupported GGUF version 4");
        Fails(RawGguf.Header(0, 0, version: 1).ToArray(), "version 1 is not supported");
        Fails(new RawGguf().Raw("GGUF"u8).U32(3).U64(0).ToArray(), "remain in the file");
    }

    [Fact]
    public void Metadata_problems_are_named()
    {
        Fails(RawGguf.Header(0, 1).Str("k").U32(13).U32(0).ToArray(), "unknown value type 13");
        Fails(RawGguf.Header(0, 1).Str("k").U32(9).U32(9).U64(1).ToArray(), "nested array");
        Fails(RawGguf.Header(0, 1).Str("k").U32(9).U32(77).U64(1).ToArray(), "unknown element type 77");
        Fails(RawGguf.Header(0, 2).KvU32("a.b", 1).KvU32("a.b", 2).ToArray(), "duplicate metadata key 'a.b'");
        Fails(RawGguf.Header(0, 1).KvU32("general.alignment", 48).ToArray(), "general.alignment");
        Fails(RawGguf.Header(0, 1).KvU32("general.alignment", 0).ToArray(), "general.alignment");
        Fails(RawGguf.Header(0, 1).KvString("general.alignment", "32").ToArray(), "general.alignment");
        Fails(RawGguf.Header(0, 1).Str("k").U32(8).U64(5).Raw("ab"u8).ToArray(), "needs 5 bytes but only 2 remain");
    }

    private static byte[] OneTensor(GgmlType type, ulong offset, params ulong[] dims)
        => RawGguf.Header(1, 0).Tensor("t", type, offset, dims).PadTo(32).Zeros(4096).ToArray();

    [Fact]
    public void Tensor_table_problems_are_named()
    {
        Fails(OneTensor(GgmlType.F32, 0, 1, 1, 1, 1, 1), "5 dimensions");
        Fails(OneTensor(GgmlType.F32, 0, 4, 0), "invalid size 0 in dimension 1");
        Fails(OneTensor(GgmlType.F32, 0, 1UL << 40, 1UL << 40), "overflows");
        Fails(OneTensor(GgmlType.F32, 0, 1UL << 63), "invalid size");
        Fails(OneTensor((GgmlType)4, 0, 32), "unknown or removed ggml type id 4");
        Fails(OneTensor((GgmlType)99, 0, 32), "unknown or removed ggml type id 99");
        Fails(OneTensor(GgmlType.Q4_K, 0, 32, 8), "not a multiple of the block size 256");
        Fails(OneTensor(GgmlType.F32, 16, 4), "not a multiple of the alignment 32");
        Fails(OneTensor(GgmlType.F32, 0, 2048), "extends past the end of the file");
        Fails(OneTensor(GgmlType.F32, 1UL << 62, 4), "extends past the end of the file");
        Fails(OneTensor(GgmlType.F32, ulong.MaxValue - 31, 4), "out of range");
        Fails(RawGguf.Header(1, 0).Tensor(new string('x', 64), GgmlType.F32, 0, 4).PadTo(32).Zeros(64).ToArray(), "longer than ggml's limit");
    }

    [Fact]
    public void Duplicate_and_overlapping_tensors_are_rejected()
    {
        byte[] duplicate = RawGguf.Header(2, 0).Tensor("w", GgmlType.F32, 0, 8).Tensor("w", GgmlType.F32, 32, 8)
            .PadTo(32).Zeros(64).ToArray();
        Fails(duplicate, "duplicate tensor name 'w'");
        byte[] overlapping = RawGguf.Header(2, 0).Tensor("a", GgmlType.F32, 0, 16).Tensor("b", GgmlType.F32, 32, 8)
            .PadTo(32).Zeros(128).ToArray();
        Fails(overlapping, "overlaps");
    }

    [Fact]
    public void A_minimal_valid_file_parses()
    {
        byte[] bytes = RawGguf.Header(1, 1).KvString("general.architecture", "llama")
            .Tensor("w", GgmlType.Q8_0, 0, 32, 2).PadTo(32).Zeros(68).ToArray();
        var file = RawGguf.Parse(bytes);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(68, file.Tensors[0].ByteSize);
        Assert.Equal(bytes.Length - 68, file.DataOffset);
    }

    [Fact]
    public void Control_characters_in_names_are_escaped_in_messages()
    {
        var e = Fails(RawGguf.Header(0, 2).KvU32("a\nb\u0001", 1).KvU32("a\nb\u0001", 2).ToArray(), "duplicate metadata key");
        Assert.Contains("a\\x0ab\\x01", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
