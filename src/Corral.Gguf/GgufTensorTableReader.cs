namespace Corral.Gguf;

/// <summary>Reads and validates the tensor table (names, shapes, types, offsets). Never touches tensor data.</summary>
internal static class GgufTensorTableReader
{
    /// <summary>ggml's GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's GGML_MAX_NAME is 64 including the terminating zero.</summary>
    public const int MaxNameBytes = 63;

    /// <summary>Smallest encoded tensor info: name length (8) + n_dims (4) + type (4) + offset (8).</summary>
    public const int MinEntrySize = 24;

    /// <summary>A tensor info before its absolute offset is known, with where it was read for error messages.</summary>
    internal readonly record struct RawTensor(string Name, GgmlTypeInfo Type, long[] Dimensions, long Offset, long ByteSize, long At);

    public static List<RawTensor> ReadEntries(GgufByteReader reader, long count, GgufReadOptions options)
    {
        var tensors = new List<RawTensor>((int)Math.Min(count, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var tensor = ReadEntry(reader, i, options);
            if (!names.Add(tensor.Name))
            {
                throw reader.Error($"duplicate tensor name '{GgufText.Quote(tensor.Name)}'", tensor.At);
            }

            tensors.Add(tensor);
        }

        return tensors;
    }

    private static RawTensor ReadEntry(GgufByteReader reader, long index, GgufReadOptions options)
    {
        long at = reader.Position;
        string name = reader.ReadString($"name of tensor #{index}", options.MaxStringLength);
        string quoted = GgufText.Quote(name);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            throw reader.Error($"tensor name '{quoted}' is longer than ggml's limit of {MaxNameBytes} bytes", at);
        }

        long dimsAt = reader.Position;
        uint nDims = reader.ReadUInt32($"dimension count of tensor '{quoted}'");
        if (nDims > MaxDimensions)
        {
            throw reader.Error($"tensor '{quoted}' has {nDims} dimensions; at most {MaxDimensions} are supported", dimsAt);
        }

        var dims = new long[nDims];
        long elements = 1;
        for (int d = 0; d < dims.Length; d++)
        {
            long dimAt = reader.Position;
            ulong size = reader.ReadUInt64($"dimension {d} of tensor '{quoted}'");
            if (size == 0 || size > long.MaxValue)
            {
                throw reader.Error($"tensor '{quoted}' has invalid size {size} in dimension {d}", dimAt);
            }

            dims[d] = (long)size;
            if (elements > long.MaxValue / dims[d])
            {
                throw reader.Error($"tensor '{quoted}' element count overflows (dimensions too large)", dimAt);
            }

            elements *= dims[d];
        }

        long typeAt = reader.Position;
        uint typeId = reader.ReadUInt32($"type of tensor '{quoted}'");
        if (!GgmlTypeInfo.TryGet(typeId, out var type))
        {
            throw reader.Error($"tensor '{quoted}' has unknown or removed ggml type id {typeId}", typeAt);
        }

        long rowLength = dims.Length > 0 ? dims[0] : 1;
        if (rowLength % type.BlockSize != 0)
        {
            throw reader.Error(
                $"tensor '{quoted}' of type {type.Name} has {rowLength} elements per row, which is not a multiple of the block size {type.BlockSize}",
                at);
        }

        long byteSize = type.TryGetByteSize(elements)
            ?? throw reader.Error($"tensor '{quoted}' byte size overflows", at);
        long offsetAt = reader.Position;
        ulong offset = reader.ReadUInt64($"data offset of tensor '{quoted}'");
        if (offset > long.MaxValue)
        {
            throw reader.Error($"tensor '{quoted}' has data offset {offset}, which is out of range", offsetAt);
        }

        return new RawTensor(name, type, dims, (long)offset, byteSize, at);
    }

    /// <summary>Checks alignment, bounds and overlap, and resolves absolute offsets.</summary>
    public static List<GgufTensorInfo> Resolve(GgufByteReader reader, List<RawTensor> raw, long dataOffset, uint alignment)
    {
        var result = new List<GgufTensorInfo>(raw.Count);
        long dataBytes = reader.Length - Math.Min(dataOffset, reader.Length);
        foreach (var t in raw)
        {
            string quoted = GgufText.Quote(t.Name);
            if (t.Offset % alignment != 0)
            {
                throw reader.Error($"tensor '{quoted}' data offset {t.Offset} is not a multiple of the alignment {alignment}", t.At);
            }

            if (dataOffset > reader.Length || t.Offset > dataBytes || t.ByteSize > dataBytes - t.Offset)
            {
                throw reader.Error(
                    $"tensor '{quoted}' data ({t.ByteSize} bytes at data-section offset {t.Offset}) extends past the end of the file ({reader.Length} bytes, data section starts at {dataOffset})",
                    t.At);
            }

            result.Add(new GgufTensorInfo(t.Name, t.Type.Type, t.Dimensions, t.Offset, dataOffset + t.Offset));
        }

        CheckOverlap(reader, raw);
        return result;
    }

    private static void CheckOverlap(GgufByteReader reader, List<RawTensor> raw)
    {
        var byOffset = raw.ToArray();
        Array.Sort(byOffset, static (a, b) => a.Offset.CompareTo(b.Offset));
        for (int i = 1; i < byOffset.Length; i++)
        {
            var previous = byOffset[i - 1];
            if (byOffset[i].Offset < previous.Offset + previous.ByteSize)
            {
                throw reader.Error(
                    $"tensor '{GgufText.Quote(byOffset[i].Name)}' data overlaps tensor '{GgufText.Quote(previous.Name)}'",
                    byOffset[i].At);
            }
        }
    }
}
