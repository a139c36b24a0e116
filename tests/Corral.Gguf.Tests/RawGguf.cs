using System.Buffers.Binary;
using System.Text;

namespace Corral.Gguf.Tests;

/// <summary>Builds arbitrary (possibly malformed) GGUF bytes for crafted-input tests.</summary>
internal sealed class RawGguf
{
    private readonly MemoryStream _bytes = new();

    public static RawGguf Header(ulong tensors, ulong kvs, uint version = 3)
        => new RawGguf().Raw("GGUF"u8).U32(version).U64(tensors).U64(kvs);

    public RawGguf Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public RawGguf U8(byte v) => Raw([v]);

    public RawGguf U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Raw(b);
    }

    public RawGguf U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return Raw(b);
    }

    public RawGguf Str(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s);
        return U64((ulong)b.Length).Raw(b);
    }

    public RawGguf KvU32(string key, uint v) => Str(key).U32((uint)GgufValueType.UInt32).U32(v);

    public RawGguf KvString(string key, string v) => Str(key).U32((uint)GgufValueType.String).Str(v);

    public RawGguf Tensor(string name, GgmlType type, ulong offset, params ulong[] dims)
    {
        Str(name).U32((uint)dims.Length);
        foreach (ulong d in dims)
        {
            U64(d);
        }

        return U32((uint)type).U64(offset);
    }

    public RawGguf PadTo(int alignment)
    {
        while (_bytes.Length % alignment != 0)
        {
            _bytes.WriteByte(0);
        }

        return this;
    }

    public RawGguf Zeros(int count) => Raw(new byte[count]);

    public byte[] ToArray() => _bytes.ToArray();

    public static GgufFile Parse(byte[] bytes) => GgufReader.Read(new MemoryStream(bytes, writable: false));
}
