namespace Corral.Gguf.Synthetic;

/// <summary>How a synthetic tensor is filled.</summary>
public enum SyntheticFill
{
    /// <summary>Seeded uniform random values in [-scale, scale].</summary>
    Random,

    /// <summary>All ones (norm weights).</summary>
    Ones,

    /// <summary>All zeros (biases).</summary>
    Zeros,
}

/// <summary>One tensor of a synthetic model: name, ggml-order dimensions and fill.</summary>
/// <param name="Name">Tensor name as llama.cpp expects it.</param>
/// <param name="Dimensions">Sizes in ggml order (row length first).</param>
/// <param name="Fill">How the values are generated.</param>
public sealed record SyntheticTensor(string Name, long[] Dimensions, SyntheticFill Fill)
{
    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (n, d) => checked(n * d));
}
