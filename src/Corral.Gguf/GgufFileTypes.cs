namespace Corral.Gguf;

/// <summary>
/// Names for <c>general.file_type</c> (llama.cpp's <c>llama_ftype</c>) as Ollama shows them in
/// <c>details.quantization_level</c>, e.g. 15 is "Q4_K_M".
/// </summary>
public static class GgufFileTypes
{
    private static readonly string?[] Names =
    [
        "F32", "F16", "Q4_0", "Q4_1",
        "MXFP4", // 4: Ollama's id for MXFP4 (formerly Q4_1_SOME_F16)
        null, null, // 5, 6: removed Q4_2, Q4_3
        "Q8_0", "Q5_0", "Q5_1", "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K",
        "IQ2_XXS", "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M",
        "IQ4_XS", "IQ1_M", "BF16",
        null, null, null, // 33-35: removed Q4_0_4_4, Q4_0_4_8, Q4_0_8_8
        "TQ1_0", "TQ2_0", "MXFP4_MOE",
    ];

    /// <summary>The quantization name of a file type id, or "unknown".</summary>
    public static string GetName(ulong fileType)
        => fileType < (ulong)Names.Length && Names[fileType] is { } name ? name : "unknown";

    /// <summary>
    /// The quantization name to show for a file: its <c>general.file_type</c> when present, otherwise the ggml type
    /// holding the most elements among multi-dimensional tensors (norm vectors and biases are usually F32 regardless).
    /// Returns "unknown" when neither is available.
    /// </summary>
    public static string GetQuantizationLevel(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Metadata.TryGetUInt64(GgufKeys.FileType, out ulong fileType))
        {
            return GetName(fileType);
        }

        return DominantTensorType(file.Tensors)?.ToString() ?? "unknown";
    }

    /// <summary>The ggml type holding the most elements, preferring tensors with two or more dimensions.</summary>
    public static GgmlType? DominantTensorType(IReadOnlyList<GgufTensorInfo> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var matrices = tensors.Where(t => t.Dimensions.Count >= 2).ToList();
        var pool = matrices.Count > 0 ? matrices : tensors.ToList();
        if (pool.Count == 0)
        {
            return null;
        }

        return pool.GroupBy(t => t.Type)
            .Select(g => (Type: g.Key, Elements: g.Sum(t => (decimal)t.ElementCount)))
            .OrderByDescending(g => g.Elements)
            .ThenBy(g => g.Type)
            .First().Type;
    }
}
