using System.Buffers;
using System.IO.Pipelines;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Reads a server-sent-event stream line by line as UTF-8 bytes: no string per line. Each line is copied into one
/// reused buffer (grown from the array pool when a line is longer), so a caller can parse JSON straight from
/// <see cref="Line"/> and the pipe can be advanced at once.
/// </summary>
internal sealed class SseLineReader(Stream stream) : IAsyncDisposable
{
    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
    private byte[] _line = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    /// <summary>The current line, without its <c>\r\n</c> / <c>\n</c>. Valid until the next read.</summary>
    public ReadOnlySpan<byte> Line => _line.AsSpan(0, _length);

    /// <summary>Reads the next line; false at the end of the stream (a last unterminated line is still returned).</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                Take(buffer.Slice(0, end));
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return true;
            }

            if (result.IsCompleted)
            {
                if (buffer.IsEmpty)
                {
                    _reader.AdvanceTo(buffer.End);
                    return false;
                }

                Take(buffer);
                _reader.AdvanceTo(buffer.End);
                return true;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private void Take(ReadOnlySequence<byte> line)
    {
        var length = (int)line.Length;
        if (length > _line.Length)
        {
            ArrayPool<byte>.Shared.Return(_line);
            _line = ArrayPool<byte>.Shared.Rent(length);
        }

        line.CopyTo(_line);
        _length = length > 0 && _line[length - 1] == (byte)'\r' ? length - 1 : length;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        ArrayPool<byte>.Shared.Return(_line);
        _line = [];
    }
}
