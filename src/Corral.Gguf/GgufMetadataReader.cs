using System.Runtime.InteropServices;

namespace Corral.Gguf;

/// <summary>Reads the metadata key/value section and individual values.</summary>
internal static class GgufMetadataReader
{
    /// <summary>Smallest possible encoded key/value: empty key (8) + type (4) + a one-byte value.</summary>
    public const int MinEntrySize = 13;

    public static GgufMetadata ReadEntries(GgufByteReader reader, long count, GgufReadOptions options)
    {
        var entries = new List<GgufMetadataEntry>((int)Math.Min(count, 1024));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            long at = reader.Position;
            string key = reader.ReadString($"metadata key #{i}", options.MaxStringLength);
            if (!seen.Add(key))
            {
                throw reader.Error($"duplicate metadata key '{GgufText.Quote(key)}'", at);
            }

            GgufValue value = ReadValue(reader, key, options);
            entries.Add(new GgufMetadataEntry(key, value));
        }

        return new GgufMetadata(entries);
    }

    private static GgufValue ReadValue(GgufByteReader reader, string key, GgufReadOptions options)
    {
        long typeAt = reader.Position;
        var type = (GgufValueType)reader.ReadUInt32($"type of metadata key '{GgufText.Quote(key)}'");
        if (!type.IsDefined())
        {
            throw reader.Error($"metadata key '{GgufText.Quote(key)}' has unknown value type {(uint)type}", typeAt);
        }

        string what = $"value of metadata key '{GgufText.Quote(key)}'";
        return type switch
        {
            GgufValueType.UInt8 => GgufValue.FromUInt8(reader.ReadUInt8(what)),
            GgufValueType.Int8 => GgufValue.FromInt8(unchecked((sbyte)reader.ReadUInt8(what))),
            GgufValueType.UInt16 => GgufValue.FromUInt16(reader.ReadUInt16(what)),
            GgufValueType.Int16 => GgufValue.FromInt16(unchecked((short)reader.ReadUInt16(what))),
            GgufValueType.UInt32 => GgufValue.FromUInt32(reader.ReadUInt32(what)),
            GgufValueType.Int32 => GgufValue.FromInt32(unchecked((int)reader.ReadUInt32(what))),
            GgufValueType.UInt64 => GgufValue.FromUInt64(reader.ReadUInt64(what)),
            GgufValueType.Int64 => GgufValue.FromInt64(unchecked((long)reader.ReadUInt64(what))),
            GgufValueType.Float32 => GgufValue.FromFloat32(BitConverter.UInt32BitsToSingle(reader.ReadUInt32(what))),
            GgufValueType.Float64 => GgufValue.FromFloat64(BitConverter.UInt64BitsToDouble(reader.ReadUInt64(what))),
            GgufValueType.Bool => GgufValue.FromBoolean(reader.ReadUInt8(what) != 0),
            GgufValueType.String => GgufValue.FromString(reader.ReadString(what, options.MaxStringLength)),
            _ => GgufValue.FromArray(ReadArrayHeaderAndBody(reader, key, options)),
        };
    }

    private static GgufArray ReadArrayHeaderAndBody(GgufByteReader reader, string key, GgufReadOptions options)
    {
        string quoted = GgufText.Quote(key);
        long typeAt = reader.Position;
        var elementType = (GgufValueType)reader.ReadUInt32($"element type of array '{quoted}'");
        if (elementType == GgufValueType.Array)
        {
            throw reader.Error($"metadata key '{quoted}' is a nested array, which is not supported", typeAt);
        }

        if (!elementType.IsDefined())
        {
            throw reader.Error($"array '{quoted}' has unknown element type {(uint)elementType}", typeAt);
        }

        long countAt = reader.Position;
        long count = reader.ReadLength($"element count of array '{quoted}'", Math.Min(options.MaxArrayLength, Array.MaxLength));
        int minSize = elementType == GgufValueType.String ? 8 : elementType.FixedSize();
        if (count > reader.Remaining / minSize)
        {
            throw reader.Error(
                $"array '{quoted}' claims {count} elements of {elementType} but only {reader.Remaining} bytes remain in the file",
                countAt);
        }

        long dataAt = reader.Position;
        if (count > options.MaxLoadedArrayLength)
        {
            SkipElements(reader, elementType, count, quoted, options);
            return new GgufArray(elementType, count, null, dataAt);
        }

        return new GgufArray(elementType, count, ReadElements(reader, elementType, (int)count, quoted, options), dataAt);
    }

    /// <summary>Reads the elements of an array whose header has been checked.</summary>
    public static Array ReadElements(GgufByteReader reader, GgufValueType type, int count, string quotedKey, GgufReadOptions options)
    {
        string what = $"elements of array '{quotedKey}'";
        switch (type)
        {
            case GgufValueType.String:
                var strings = new string[count];
                for (int i = 0; i < strings.Length; i++)
                {
                    strings[i] = reader.ReadString(what, options.MaxStringLength);
                }

                return strings;
            case GgufValueType.Bool:
                var bools = new bool[count];
                Span<byte> raw = MemoryMarshal.AsBytes(bools.AsSpan());
                reader.ReadInto(raw, what);
                for (int i = 0; i < raw.Length; i++)
                {
                    raw[i] = raw[i] != 0 ? (byte)1 : (byte)0;
                }

                return bools;
            case GgufValueType.UInt8: return ReadFixed<byte>(reader, count, what);
            case GgufValueType.Int8: return ReadFixed<sbyte>(reader, count, what);
            case GgufValueType.UInt16: return ReadFixed<ushort>(reader, count, what);
            case GgufValueType.Int16: return ReadFixed<short>(reader, count, what);
            case GgufValueType.UInt32: return ReadFixed<uint>(reader, count, what);
            case GgufValueType.Int32: return ReadFixed<int>(reader, count, what);
            case GgufValueType.Float32: return ReadFixed<float>(reader, count, what);
            case GgufValueType.UInt64: return ReadFixed<ulong>(reader, count, what);
            case GgufValueType.Int64: return ReadFixed<long>(reader, count, what);
            case GgufValueType.Float64: return ReadFixed<double>(reader, count, what);
            default: throw reader.Error($"array '{quotedKey}' has unsupported element type {type}", reader.Position);
        }
    }

    private static T[] ReadFixed<T>(GgufByteReader reader, int count, string what)
        where T : unmanaged
    {
        var values = new T[count];
        reader.ReadInto(MemoryMarshal.AsBytes(values.AsSpan()), what);
        return values;
    }

    private static void SkipElements(GgufByteReader reader, GgufValueType type, long count, string quotedKey, GgufReadOptions options)
    {
        if (type != GgufValueType.String)
        {
            reader.Skip(count * type.FixedSize());
            return;
        }

        string what = $"elements of array '{quotedKey}'";
        for (long i = 0; i < count; i++)
        {
            reader.SkipString(what, options.MaxStringLength);
        }
    }
}
