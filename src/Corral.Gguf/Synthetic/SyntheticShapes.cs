namespace Corral.Gguf.Synthetic;

/// <summary>
/// Named <see cref="TransformerShape"/> presets for benchmark models (<c>corral bench --synthetic NAME[:QUANT]</c>).
/// </summary>
public static class SyntheticShapes
{
    private static readonly Dictionary<string, TransformerShape> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["qwen2-0.5b"] = TransformerShape.Qwen2_0_5B,
        ["llama-1b"] = TransformerShape.Llama32_1B,
        ["tiny"] = TransformerShape.TinyLlama,
    };

    /// <summary>The preset names, e.g. <c>qwen2-0.5b</c>.</summary>
    public static IReadOnlyCollection<string> Names => Presets.Keys;

    /// <summary>Looks up a preset by name (case-insensitive).</summary>
    public static bool TryGet(string name, out TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Presets.TryGetValue(name, out shape!);
    }

    /// <summary>Splits <c>SHAPE[:QUANT]</c>; the quantization is null when absent.</summary>
    /// <exception cref="ArgumentException">The shape is not a preset.</exception>
    public static (string Shape, TransformerShape Value, string? Quantization) Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? spec : spec[..colon];
        var quant = colon < 0 ? null : spec[(colon + 1)..];
        if (!TryGet(name, out var shape))
        {
            throw new ArgumentException($"Unknown synthetic shape '{name}'; use one of {string.Join(", ", Presets.Keys)}.", nameof(spec));
        }

        return (name.ToLowerInvariant(), shape, string.IsNullOrWhiteSpace(quant) ? null : quant);
    }
}
