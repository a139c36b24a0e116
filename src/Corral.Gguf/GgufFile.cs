using System.Diagnostics.CodeAnalysis;

namespace Corral.Gguf;

/// <summary>
/// The parsed header, metadata and tensor table of a GGUF file (weights are not loaded).
/// Use <see cref="Open"/> or <see cref="GgufReader.Read"/>; <see cref="ModelInfo"/> gives the model-level facts.
/// </summary>
public sealed class GgufFile
{
    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;
    private GgufModelInfo? _modelInfo;

    /// <summary>Creates a file description (normally done by <see cref="GgufReader"/>).</summary>
    public GgufFile(uint version, GgufMetadata metadata, IReadOnlyList<GgufTensorInfo> tensors, uint alignment, long dataOffset, long fileSize)
    {
        Version = version;
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSize = fileSize;
        _tensorsByName = new Dictionary<string, GgufTensorInfo>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            _tensorsByName.TryAdd(t.Name, t);
        }
    }

    /// <summary>GGUF version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>Metadata key/values in file order.</summary>
    public GgufMetadata Metadata { get; }

    /// <summary>Tensor table in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Data alignment (<c>general.alignment</c>, default 32).</summary>
    public uint Alignment { get; }

    /// <summary>Absolute offset of the tensor data section.</summary>
    public long DataOffset { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long FileSize { get; }

    /// <summary><c>general.architecture</c>, or null.</summary>
    public string? Architecture => Metadata.GetStringOrNull(GgufKeys.Architecture);

    /// <summary>Model-level facts derived from metadata and tensors (computed once).</summary>
    public GgufModelInfo ModelInfo => _modelInfo ??= GgufModelInfo.From(this);

    /// <summary>Finds a tensor by name.</summary>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out GgufTensorInfo? tensor) => _tensorsByName.TryGetValue(name, out tensor);

    /// <summary>Reads the header, metadata and tensor table of a file on disk.</summary>
    /// <exception cref="GgufFormatException">The file is not a valid GGUF file.</exception>
    public static GgufFile Open(string path, GgufReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        return GgufReader.Read(stream, options);
    }
}
