using System.Buffers.Binary;
using System.Text;

namespace Corral.Gguf;

/// <summary>
/// A bounds-checked little-endian reader over a seekable stream with its own buffer. Every read checks the
/// bytes remaining in the file first, so hostile lengths fail before anything is allocated.
/// </summary>
internal sealed class GgufByteReader
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _pos;
    private int _len;

    public GgufByteReader(Stream stream, long start)
    {
        _stream = stream;
        Length = stream.Length;
        _bufferStart = start;
        _stream.Position = start;
    }

    /// <summary>Total length of the file.</summary>
    public long Length { get; }

    /// <summary>Current absolute offset.</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>Bytes left before the end of the file.</summary>
    public long Remaining => Length - Position;

    public GgufFormatException Error(string problem, long offset) => new(problem, offset);

    public byte ReadUInt8(string what) => Take(1, what)[0];

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    /// <summary>Reads a u64 count or length and checks it fits a non-negative long and the given limit.</summary>
    public long ReadLength(string what, long limit)
    {
        long at = Position;
        ulong raw = ReadUInt64(what);
        if (raw > (ulong)limit)
        {
            throw Error($"{what} is {raw}, more than the limit of {limit}", at);
        }

        return (long)raw;
    }

    /// <summary>Reads a GGUF string (u64 byte length + UTF-8 bytes).</summary>
    public string ReadString(string what, long maxLength)
    {
        long at = Position;
        long length = ReadStringLength(what, maxLength);
        EnsureRemaining(length, what, at);
        if (length == 0)
        {
            return string.Empty;
        }

        if (length <= BufferSize)
        {
            return Utf8.GetString(Take((int)length, what));
        }

        byte[] bytes = new byte[length];
        ReadInto(bytes, what);
        return Utf8.GetString(bytes);
    }

    private long ReadStringLength(string what, long maxLength)
    {
        long at = Position;
        ulong raw = ReadUInt64(what);
        if (raw > (ulong)maxLength)
        {
            throw Error($"{what}: string length {raw} is more than the limit of {maxLength}", at);
        }

        return (long)raw;
    }

    /// <summary>Skips a string without decoding it.</summary>
    public void SkipString(string what, long maxLength)
    {
        long at = Position;
        long length = ReadStringLength(what, maxLength);
        EnsureRemaining(length, what, at);
        Skip(length);
    }

    /// <summary>Throws unless <paramref name="count"/> bytes remain.</summary>
    public void EnsureRemaining(long count, string what, long at)
    {
        if (count > Remaining)
        {
            throw Error($"{what} needs {count} bytes but only {Remaining} remain in the file (truncated or corrupt)", at);
        }
    }

    public void ReadInto(Span<byte> destination, string what)
    {
        EnsureRemaining(destination.Length, what, Position);
        while (!destination.IsEmpty)
        {
            if (_pos == _len)
            {
                Fill(1, what);
            }

            int n = Math.Min(destination.Length, _len - _pos);
            _buffer.AsSpan(_pos, n).CopyTo(destination);
            _pos += n;
            destination = destination[n..];
        }
    }

    /// <summary>Skips bytes (already checked against <see cref="Remaining"/> by callers via <see cref="EnsureRemaining"/>).</summary>
    public void Skip(long count)
    {
        EnsureRemaining(count, "skipped data", Position);
        if (count <= _len - _pos)
        {
            _pos += (int)count;
            return;
        }

        _bufferStart = Position + count;
        _pos = 0;
        _len = 0;
        _stream.Position = _bufferStart;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (_len - _pos < count)
        {
            Fill(count, what);
        }

        var span = new ReadOnlySpan<byte>(_buffer, _pos, count);
        _pos += count;
        return span;
    }

    private void Fill(int count, string what)
    {
        EnsureRemaining(count, what, Position);
        int kept = _len - _pos;
        if (kept > 0 && _pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, kept);
        }

        _bufferStart += _pos;
        _pos = 0;
        _len = kept;
        while (_len < count)
        {
            int read = _stream.Read(_buffer, _len, BufferSize - _len);
            if (read <= 0)
            {
                throw Error($"unexpected end of file while reading {what}", Position);
            }

            _len += read;
        }
    }
}
