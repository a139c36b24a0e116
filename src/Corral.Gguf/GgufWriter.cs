namespace Corral.Gguf;

/// <summary>
/// Writes GGUF v3 files: metadata of every type, then tensors with a given ggml type and raw data, each tensor's data
/// aligned to <see cref="Alignment"/> (<c>general.alignment</c> when added, else 32). Tensor data can be given as
/// bytes or produced by a callback so that multi-gigabyte files need not be held in memory.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<GgufMetadataEntry> _metadata = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<GgufWriterTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    /// <summary>Data alignment: the <c>general.alignment</c> value if one was added, else 32.</summary>
    public uint Alignment { get; private set; } = GgufReader.DefaultAlignment;

    /// <summary>Metadata added so far, in order.</summary>
    public IReadOnlyList<GgufMetadataEntry> Metadata => _metadata;

    /// <summary>Adds a metadata key/value. Arrays must be loaded.</summary>
    /// <exception cref="ArgumentException">Duplicate key, unloaded array, or an invalid <c>general.alignment</c>.</exception>
    public GgufWriter AddMetadata(string key, GgufValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.TryGetArray(out var array) && !array.IsLoaded)
        {
            throw new ArgumentException($"Array '{key}' is not loaded.", nameof(value));
        }

        if (key == GgufKeys.Alignment)
        {
            if (value.Type != GgufValueType.UInt32 || !value.TryGetUInt32(out uint a) || a == 0 || (a & (a - 1)) != 0)
            {
                throw new ArgumentException("general.alignment must be a uint32 power of two.", nameof(value));
            }

            Alignment = a;
        }

        if (!_keys.Add(key))
        {
            throw new ArgumentException($"Duplicate metadata key '{key}'.", nameof(key));
        }

        _metadata.Add(new GgufMetadataEntry(key, value));
        return this;
    }

    /// <summary>Adds several metadata entries (e.g. copied from another file).</summary>
    public GgufWriter AddMetadata(IEnumerable<GgufMetadataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            AddMetadata(entry.Key, entry.Value);
        }

        return this;
    }

    /// <summary>Adds a tensor whose data is given in full.</summary>
    /// <param name="name">Tensor name (at most 63 UTF-8 bytes).</param>
    /// <param name="type">Element type.</param>
    /// <param name="dimensions">Sizes in ggml order (row length first), 1 to 4 of them.</param>
    /// <param name="data">Exactly the tensor's byte size of raw data.</param>
    public GgufWriter AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, ReadOnlyMemory<byte> data)
    {
        var tensor = GgufWriterTensor.Create(name, type, dimensions, s => s.Write(data.Span));
        if (data.Length != tensor.ByteSize)
        {
            throw new ArgumentException($"Tensor '{name}' needs {tensor.ByteSize} bytes of data, got {data.Length}.", nameof(data));
        }

        return Add(tensor);
    }

    /// <summary>
    /// Adds a tensor whose data is written later by <paramref name="writeData"/>, which must write exactly the tensor's
    /// byte size (<see cref="GgmlTypeInfo.TryGetByteSize"/> of the element count).
    /// </summary>
    public GgufWriter AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, Action<Stream> writeData)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        return Add(GgufWriterTensor.Create(name, type, dimensions, writeData));
    }

    /// <summary>Writes the whole file to <paramref name="stream"/> (left open, flushed).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new BufferedStream(new CountingStream(stream, leaveOpen: true), 1 << 16);
        var values = new GgufValueWriter(output);
        values.WriteRaw("GGUF"u8);
        values.WriteUInt32(3);
        values.WriteUInt64((ulong)_tensors.Count);
        values.WriteUInt64((ulong)_metadata.Count);
        foreach (var entry in _metadata)
        {
            values.WriteString(entry.Key);
            values.WriteValue(entry.Value);
        }

        long offset = 0;
        foreach (var tensor in _tensors)
        {
            values.WriteString(tensor.Name);
            values.WriteUInt32((uint)tensor.Dimensions.Length);
            foreach (long d in tensor.Dimensions)
            {
                values.WriteUInt64((ulong)d);
            }

            values.WriteUInt32((uint)tensor.Type);
            values.WriteUInt64((ulong)offset);
            offset = GgufReader.AlignUp(offset + tensor.ByteSize, Alignment);
        }

        values.Pad(Alignment);
        foreach (var tensor in _tensors)
        {
            tensor.WriteData(output);
            values.Advance(tensor.ByteSize);
            values.Pad(Alignment);
        }

        output.Flush();
    }

    /// <summary>
    /// Writes the file atomically: to a temporary file in the same directory, flushed to disk, then renamed over
    /// <paramref name="path"/>. On failure the temporary file is deleted and any existing file is untouched.
    /// </summary>
    public void WriteToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private GgufWriter Add(GgufWriterTensor tensor)
    {
        if (!_tensorNames.Add(tensor.Name))
        {
            throw new ArgumentException($"Duplicate tensor name '{tensor.Name}'.", nameof(tensor));
        }

        _tensors.Add(tensor);
        return this;
    }
}
