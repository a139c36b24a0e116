using System.Collections.Frozen;

namespace Corral.Gguf;

/// <summary>
/// Storage layout of one ggml type: elements are stored in blocks of <see cref="BlockSize"/> elements,
/// each block taking <see cref="BytesPerBlock"/> bytes (values as in current ggml's type traits).
/// </summary>
/// <param name="Type">The ggml type.</param>
/// <param name="Name">The ggml name, e.g. "Q4_K".</param>
/// <param name="BlockSize">Elements per block (1 for plain types, 32 or 256 for quantized ones).</param>
/// <param name="BytesPerBlock">Bytes one block occupies.</param>
public sealed record GgmlTypeInfo(GgmlType Type, string Name, int BlockSize, int BytesPerBlock)
{
    private const int QK_K = 256;

    private static readonly GgmlTypeInfo[] Table =
    [
        new(GgmlType.F32, "F32", 1, 4),
        new(GgmlType.F16, "F16", 1, 2),
        new(GgmlType.Q4_0, "Q4_0", 32, 18),
        new(GgmlType.Q4_1, "Q4_1", 32, 20),
        new(GgmlType.Q5_0, "Q5_0", 32, 22),
        new(GgmlType.Q5_1, "Q5_1", 32, 24),
        new(GgmlType.Q8_0, "Q8_0", 32, 34),
        new(GgmlType.Q8_1, "Q8_1", 32, 36),
        new(GgmlType.Q2_K, "Q2_K", QK_K, 84),
        new(GgmlType.Q3_K, "Q3_K", QK_K, 110),
        new(GgmlType.Q4_K, "Q4_K", QK_K, 144),
        new(GgmlType.Q5_K, "Q5_K", QK_K, 176),
        new(GgmlType.Q6_K, "Q6_K", QK_K, 210),
        new(GgmlType.Q8_K, "Q8_K", QK_K, 292),
        new(GgmlType.IQ2_XXS, "IQ2_XXS", QK_K, 66),
        new(GgmlType.IQ2_XS, "IQ2_XS", QK_K, 74),
        new(GgmlType.IQ3_XXS, "IQ3_XXS", QK_K, 98),
        new(GgmlType.IQ1_S, "IQ1_S", QK_K, 50),
        new(GgmlType.IQ4_NL, "IQ4_NL", 32, 18),
        new(GgmlType.IQ3_S, "IQ3_S", QK_K, 110),
        new(GgmlType.IQ2_S, "IQ2_S", QK_K, 82),
        new(GgmlType.IQ4_XS, "IQ4_XS", QK_K, 136),
        new(GgmlType.I8, "I8", 1, 1),
        new(GgmlType.I16, "I16", 1, 2),
        new(GgmlType.I32, "I32", 1, 4),
        new(GgmlType.I64, "I64", 1, 8),
        new(GgmlType.F64, "F64", 1, 8),
        new(GgmlType.IQ1_M, "IQ1_M", QK_K, 56),
        new(GgmlType.BF16, "BF16", 1, 2),
        new(GgmlType.TQ1_0, "TQ1_0", QK_K, 54),
        new(GgmlType.TQ2_0, "TQ2_0", QK_K, 66),
        new(GgmlType.MXFP4, "MXFP4", 32, 17),
    ];

    private static readonly FrozenDictionary<GgmlType, GgmlTypeInfo> ByType = Table.ToFrozenDictionary(t => t.Type);

    /// <summary>Every type ggml currently supports in GGUF files.</summary>
    public static IReadOnlyList<GgmlTypeInfo> All => Table;

    /// <summary>True for block-quantized types (block size greater than one).</summary>
    public bool IsQuantized => BlockSize > 1;

    /// <summary>Looks up a type id as stored in a file; false for unknown or removed ids.</summary>
    public static bool TryGet(uint id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GgmlTypeInfo? info)
        => ByType.TryGetValue((GgmlType)id, out info);

    /// <summary>Gets the layout of a known type.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a valid ggml type.</exception>
    public static GgmlTypeInfo Get(GgmlType type)
        => ByType.TryGetValue(type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a valid ggml type.");

    /// <summary>
    /// Bytes needed for <paramref name="elementCount"/> elements (which must be a whole number of blocks),
    /// or null when the count is not a multiple of the block size or the result overflows.
    /// </summary>
    public long? TryGetByteSize(long elementCount)
    {
        if (elementCount < 0 || elementCount % BlockSize != 0)
        {
            return null;
        }

        long blocks = elementCount / BlockSize;
        return blocks > long.MaxValue / BytesPerBlock ? null : blocks * BytesPerBlock;
    }
}
