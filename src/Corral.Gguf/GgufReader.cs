using System.Buffers.Binary;

namespace Corral.Gguf;

/// <summary>
/// Reads GGUF v2/v3 headers, metadata and tensor tables from seekable streams, treating the input as untrusted:
/// every malformed input ends in a <see cref="GgufFormatException"/>, never another exception type, a hang or
/// a huge allocation. Tensor data is never read.
/// </summary>
public static class GgufReader
{
    /// <summary>The default <c>general.alignment</c>.</summary>
    public const uint DefaultAlignment = 32;

    private static ReadOnlySpan<byte> Magic => "GGUF"u8;

    /// <summary>Reads a GGUF file from the start of a seekable stream. The stream is left open.</summary>
    /// <exception cref="GgufFormatException">The content is not a valid GGUF v2/v3 file.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek or read.</exception>
    public static GgufFile Read(Stream stream, GgufReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("GGUF reading needs a readable, seekable stream.", nameof(stream));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The GGUF reader supports little-endian hosts only.");
        }

        options ??= GgufReadOptions.Default;
        var reader = new GgufByteReader(stream, 0);
        uint version = ReadHeader(reader);

        long tensorCount = ReadCount(reader, "tensor count", options.MaxTensorCount, GgufTensorTableReader.MinEntrySize);
        long kvCount = ReadCount(reader, "metadata key/value count", options.MaxKeyValueCount, GgufMetadataReader.MinEntrySize);
        var metadata = GgufMetadataReader.ReadEntries(reader, kvCount, options);
        uint alignment = ReadAlignment(reader, metadata);
        var rawTensors = GgufTensorTableReader.ReadEntries(reader, tensorCount, options);

        long tableEnd = reader.Position;
        long dataOffset = AlignUp(tableEnd, alignment);
        var tensors = GgufTensorTableReader.Resolve(reader, rawTensors, dataOffset, alignment);
        return new GgufFile(version, metadata, tensors, alignment, dataOffset, reader.Length);
    }

    /// <summary>Reads a GGUF file on disk (see <see cref="GgufFile.Open"/>).</summary>
    public static GgufFile ReadFile(string path, GgufReadOptions? options = null) => GgufFile.Open(path, options);

    /// <summary>
    /// Loads the elements of an array that was skipped (<see cref="GgufArray.IsLoaded"/> false) from the stream it was read from.
    /// Returns the array itself when it is already loaded.
    /// </summary>
    /// <exception cref="GgufFormatException">The stream's content does not hold the array.</exception>
    public static GgufArray LoadArray(Stream stream, GgufArray array, GgufReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        if (array.IsLoaded)
        {
            return array;
        }

        if (array.FileOffset < 0 || array.Count > Array.MaxLength)
        {
            throw new ArgumentException("The array was not read from a file or is too large to load.", nameof(array));
        }

        options ??= GgufReadOptions.Default;
        var reader = new GgufByteReader(stream, Math.Min(array.FileOffset, stream.Length));
        int minSize = array.ElementType == GgufValueType.String ? 8 : array.ElementType.FixedSize();
        reader.EnsureRemaining(array.Count * minSize, "array elements", reader.Position);
        var values = GgufMetadataReader.ReadElements(reader, array.ElementType, (int)array.Count, "array", options);
        return new GgufArray(array.ElementType, array.Count, values, array.FileOffset);
    }

    private static uint ReadHeader(GgufByteReader reader)
    {
        if (reader.Length < 4)
        {
            throw reader.Error($"file is too short to be GGUF ({reader.Length} bytes)", 0);
        }

        Span<byte> magic = stackalloc byte[4];
        reader.ReadInto(magic, "magic");
        if (!magic.SequenceEqual(Magic))
        {
            throw reader.Error($"not a GGUF file: magic bytes are {Convert.ToHexString(magic)}, expected 47475546 (\"GGUF\")", 0);
        }

        uint version = reader.ReadUInt32("version");
        switch (version)
        {
            case 2 or 3:
                return version;
            case 1:
                throw reader.Error("GGUF version 1 is not supported (only versions 2 and 3 are); re-convert the model with a current llama.cpp", 4);
            default:
                uint swapped = BinaryPrimitives.ReverseEndianness(version);
                if (swapped is >= 1 and <= 3)
                {
                    throw reader.Error($"big-endian GGUF files are not supported (version {swapped} stored big-endian)", 4);
                }

                throw reader.Error($"unsupported GGUF version {version} (only versions 2 and 3 are supported)", 4);
        }
    }

    private static long ReadCount(GgufByteReader reader, string what, long limit, int minEntrySize)
    {
        long at = reader.Position;
        long count = reader.ReadLength(what, limit);
        if (count > reader.Remaining / minEntrySize)
        {
            throw reader.Error($"{what} {count} cannot fit in the {reader.Remaining} bytes that remain in the file", at);
        }

        return count;
    }

    private static uint ReadAlignment(GgufByteReader reader, GgufMetadata metadata)
    {
        if (!metadata.TryGetValue(GgufKeys.Alignment, out var value))
        {
            return DefaultAlignment;
        }

        if (!value.TryGetUInt32(out uint alignment) || alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw reader.Error($"general.alignment must be a power of two stored as an integer, found {value.Type} {GgufText.Quote(value.ToString())}", reader.Position);
        }

        return alignment;
    }

    internal static long AlignUp(long offset, uint alignment)
    {
        long a = alignment;
        long remainder = offset % a;
        return remainder == 0 ? offset : offset + (a - remainder);
    }
}
