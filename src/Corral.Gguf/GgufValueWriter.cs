using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Corral.Gguf;

/// <summary>Encodes GGUF primitives, strings and metadata values little-endian onto a stream, tracking the position.</summary>
internal sealed class GgufValueWriter(Stream output)
{
    private long _position;

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _position += bytes.Length;
    }

    public void WriteUInt8(byte value) => WriteRaw([value]);

    public void WriteUInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        WriteRaw(b);
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        WriteRaw(b);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        WriteRaw(b);
    }

    public void WriteString(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        WriteUInt64((ulong)count);
        if (count <= 512)
        {
            Span<byte> b = stackalloc byte[count];
            Encoding.UTF8.GetBytes(value, b);
            WriteRaw(b);
        }
        else
        {
            WriteRaw(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>Writes zero bytes up to the next multiple of <paramref name="alignment"/> (counted from the file start).</summary>
    public void Pad(uint alignment)
    {
        long padded = GgufReader.AlignUp(_position, alignment);
        Span<byte> zeros = stackalloc byte[256];
        zeros.Clear();
        while (_position < padded)
        {
            WriteRaw(zeros[..(int)Math.Min(zeros.Length, padded - _position)]);
        }
    }

    /// <summary>Tracks bytes written to the underlying stream by someone else (tensor data).</summary>
    public void Advance(long count) => _position += count;

    public void WriteValue(GgufValue value)
    {
        WriteUInt32((uint)value.Type);
        if (value.TryGetArray(out var array))
        {
            WriteArray(array);
            return;
        }

        if (value.TryGetString(out string? s))
        {
            WriteString(s);
            return;
        }

        WriteScalar(value);
    }

    private void WriteScalar(GgufValue value)
    {
        switch (value.Type)
        {
            case GgufValueType.Float32:
                value.TryGetDouble(out double f);
                WriteUInt32(BitConverter.SingleToUInt32Bits((float)f));
                return;
            case GgufValueType.Float64:
                value.TryGetDouble(out double d);
                WriteUInt64(BitConverter.DoubleToUInt64Bits(d));
                return;
            case GgufValueType.Bool:
                value.TryGetBoolean(out bool b);
                WriteUInt8(b ? (byte)1 : (byte)0);
                return;
        }

        value.TryGetInt64(out long signed);
        value.TryGetUInt64(out ulong unsigned);
        ulong bits = value.Type is GgufValueType.Int8 or GgufValueType.Int16 or GgufValueType.Int32 or GgufValueType.Int64
            ? unchecked((ulong)signed)
            : unsigned;
        switch (value.Type.FixedSize())
        {
            case 1: WriteUInt8((byte)bits); break;
            case 2: WriteUInt16((ushort)bits); break;
            case 4: WriteUInt32((uint)bits); break;
            default: WriteUInt64(bits); break;
        }
    }

    private void WriteArray(GgufArray array)
    {
        WriteUInt32((uint)array.ElementType);
        WriteUInt64((ulong)array.Count);
        switch (array.RawValues)
        {
            case string[] strings:
                foreach (string s in strings)
                {
                    WriteString(s);
                }

                break;
            case bool[] bools:
                foreach (bool b in bools)
                {
                    WriteUInt8(b ? (byte)1 : (byte)0);
                }

                break;
            case byte[] bytes: WriteRaw(bytes); break;
            case sbyte[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ushort[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case short[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case uint[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case int[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case float[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ulong[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case long[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case double[] v: WriteRaw(MemoryMarshal.AsBytes(v.AsSpan())); break;
            default: throw new ArgumentException("The array is not loaded or has an unsupported element type.");
        }
    }
}
