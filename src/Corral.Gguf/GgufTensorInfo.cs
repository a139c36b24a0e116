namespace Corral.Gguf;

/// <summary>
/// One entry of a GGUF tensor table. The weights themselves are not read.
/// </summary>
/// <param name="Name">Tensor name, e.g. "blk.0.attn_q.weight".</param>
/// <param name="Type">Element type.</param>
/// <param name="Dimensions">Sizes in ggml order: <c>ne[0]</c> (the row length, contiguous) first.</param>
/// <param name="Offset">Offset of the data relative to the start of the data section.</param>
/// <param name="DataOffset">Absolute offset of the data in the file.</param>
public sealed record GgufTensorInfo(string Name, GgmlType Type, IReadOnlyList<long> Dimensions, long Offset, long DataOffset)
{
    /// <summary>Layout information for <see cref="Type"/>.</summary>
    public GgmlTypeInfo TypeInfo => GgmlTypeInfo.Get(Type);

    /// <summary>Number of elements (product of the dimensions).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Dimensions)
            {
                n = checked(n * d);
            }

            return n;
        }
    }

    /// <summary>Bytes the tensor's data occupies in the file (without alignment padding).</summary>
    public long ByteSize => TypeInfo.TryGetByteSize(ElementCount)
        ?? throw new InvalidOperationException($"Tensor '{Name}' has a row length that is not a multiple of the block size.");
}
