using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Corral.Api;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Registry;

/// <summary>
/// Hashes a blob while it downloads, on its own task. SHA-256 is a chain, so the hash can only advance at its front.
/// The part that writes at the front hands each chunk over as soon as it is written (<see cref="TryHand"/>): the
/// receive buffer itself goes to the hash task, which hashes it on the other core while the part receives into a new
/// buffer, so a blob downloaded front to back is never read again. Bytes written ahead of the front by other parts
/// (or left on disk by an earlier, interrupted download) are read back from the page cache instead, until the front
/// reaches a part that is still receiving; from there that part hands its chunks over again.
/// </summary>
internal sealed class PrefixHasher(SafeFileHandle file, IReadOnlyList<PartState> parts) : IDisposable
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Most handed-over buffers waiting to be hashed; past this the part keeps its buffer and the bytes are read back.</summary>
    private const int MaxQueued = 16;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Lock _lock = new();
    private readonly Queue<(byte[] Buffer, int Count)> _queue = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly long _total = parts.Count == 0 ? 0 : parts[^1].Offset + parts[^1].Size;

    /// <summary>End of the bytes already hashed, queued to be hashed, or being read back (guarded by <see cref="_lock"/>).</summary>
    private long _front;

    private bool _closed;

    /// <summary>Wakes the hash task: more bytes may be written at the front.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// Takes <paramref name="buffer"/> (rented from <see cref="ArrayPool{T}.Shared"/>), whose first
    /// <paramref name="count"/> bytes were just written at <paramref name="offset"/>, when they continue the hash front
    /// exactly. On true the hasher owns the buffer (and returns it to the pool); on false the caller keeps it and the
    /// bytes are read back from the file later. Never waits.
    /// </summary>
    public bool TryHand(long offset, byte[] buffer, int count)
    {
        lock (_lock)
        {
            if (_closed || offset != _front || _queue.Count >= MaxQueued)
            {
                return false;
            }

            _queue.Enqueue((buffer, count));
            _front = offset + count;
        }

        Notify();
        return true;
    }

    /// <summary>Hashes handed-over and written bytes in order until the whole blob is hashed; returns its digest.</summary>
    public async Task<Digest> RunAsync(CancellationToken cancellationToken)
    {
        byte[]? readBack = null;
        long hashed = 0;
        try
        {
            while (hashed < _total)
            {
                (byte[] Buffer, int Count) handed = default;
                long claim = 0;
                lock (_lock)
                {
                    if (!_queue.TryDequeue(out handed))
                    {
                        // Nothing handed over: read back what is written past the front, a chunk at a time.
                        claim = Math.Min(ChunkBytes, WrittenFront() - _front);
                        if (claim > 0)
                        {
                            _front += claim;
                        }
                    }
                }

                if (handed.Buffer is { } buffer)
                {
                    _hash.AppendData(buffer, 0, handed.Count);
                    ArrayPool<byte>.Shared.Return(buffer);
                    hashed += handed.Count;
                    continue;
                }

                if (claim <= 0)
                {
                    await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                    _wake.Reader.TryRead(out _);
                    continue;
                }

                readBack ??= ArrayPool<byte>.Shared.Rent(ChunkBytes);
                var end = hashed + claim;
                while (hashed < end)
                {
                    var read = await RandomAccess.ReadAsync(file, readBack.AsMemory(0, (int)(end - hashed)), hashed, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("partial file is shorter than its parts");
                    }

                    _hash.AppendData(readBack, 0, read);
                    hashed += read;
                }
            }

            return Digest.FromHash(_hash.GetHashAndReset());
        }
        finally
        {
            if (readBack is not null)
            {
                ArrayPool<byte>.Shared.Return(readBack);
            }

            Close();
        }
    }

    /// <summary>End of the contiguous written prefix of the file.</summary>
    private long WrittenFront()
    {
        foreach (var part in parts)
        {
            var completed = Math.Min(part.Completed, part.Size);
            if (completed < part.Size)
            {
                return part.Offset + completed;
            }
        }

        return _total;
    }

    /// <summary>Refuses further hand-overs and returns queued buffers to the pool.</summary>
    private void Close()
    {
        lock (_lock)
        {
            _closed = true;
            while (_queue.TryDequeue(out var item))
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }
        }
    }

    public void Dispose()
    {
        Close();
        _hash.Dispose();
    }
}
