namespace Corral.Gguf;

/// <summary>
/// Limits and choices for <see cref="GgufReader"/>. The limits protect against hostile files; every
/// count, length and offset is also checked against the bytes that remain in the file.
/// </summary>
public sealed record GgufReadOptions
{
    /// <summary>The defaults: load every array, generous limits that real models stay far below.</summary>
    public static GgufReadOptions Default { get; } = new();

    /// <summary>
    /// Arrays with more elements than this are skipped (walked, not kept): their <see cref="GgufArray.IsLoaded"/> is false.
    /// Default: every array is loaded.
    /// </summary>
    public long MaxLoadedArrayLength { get; init; } = long.MaxValue;

    /// <summary>Longest string accepted (keys, values, tensor names), in bytes. Default 16 MiB.</summary>
    public long MaxStringLength { get; init; } = 16L << 20;

    /// <summary>Largest array element count accepted. Default 16M elements.</summary>
    public long MaxArrayLength { get; init; } = 16L << 20;

    /// <summary>Most metadata key/value pairs accepted. Default 65,536.</summary>
    public long MaxKeyValueCount { get; init; } = 1L << 16;

    /// <summary>Most tensors accepted. Default 1,048,576.</summary>
    public long MaxTensorCount { get; init; } = 1L << 20;
}
