namespace Corral.Gguf;

/// <summary>A tensor queued in a <see cref="GgufWriter"/>, validated when added.</summary>
internal sealed record GgufWriterTensor(string Name, GgmlType Type, long[] Dimensions, long ByteSize, Action<Stream> Write)
{
    public static GgufWriterTensor Create(string name, GgmlType type, IReadOnlyList<long> dimensions, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > GgufTensorTableReader.MaxNameBytes)
        {
            throw new ArgumentException($"Tensor name '{name}' is longer than {GgufTensorTableReader.MaxNameBytes} bytes.", nameof(name));
        }

        var info = GgmlTypeInfo.Get(type);
        long[] dims = dimensions.ToArray();
        if (dims.Length is < 1 or > GgufTensorTableReader.MaxDimensions || dims.Any(d => d < 1))
        {
            throw new ArgumentException($"Tensor '{name}' needs 1 to 4 dimensions, each at least 1.", nameof(dimensions));
        }

        if (dims[0] % info.BlockSize != 0)
        {
            throw new ArgumentException($"Tensor '{name}' row length {dims[0]} is not a multiple of the {info.Name} block size {info.BlockSize}.", nameof(dimensions));
        }

        long elements = dims.Aggregate(1L, (n, d) => checked(n * d));
        long bytes = info.TryGetByteSize(elements) ?? throw new ArgumentException($"Tensor '{name}' is too large.", nameof(dimensions));
        return new GgufWriterTensor(name, type, dims, bytes, write);
    }

    /// <summary>Runs the data callback and checks that it wrote exactly <see cref="ByteSize"/> bytes.</summary>
    public void WriteData(Stream output)
    {
        using var counter = new CountingStream(output, leaveOpen: true);
        Write(counter);
        if (counter.BytesWritten != ByteSize)
        {
            throw new InvalidOperationException($"Tensor '{Name}' data callback wrote {counter.BytesWritten} bytes; {ByteSize} were expected.");
        }
    }
}
