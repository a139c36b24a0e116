using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Corral.Api;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Registry;

/// <summary>
/// Hashes a blob while it downloads: one task follows the contiguous written front of the file, byte by byte (not
/// part by part), reading the just-written bytes back from the page cache and feeding SHA-256. Part writers wake it
/// after each chunk, so when the last byte lands only the bytes behind the front are left to hash.
/// </summary>
internal sealed class PrefixHasher(SafeFileHandle file, IReadOnlyList<PartState> parts) : IDisposable
{
    private const int ChunkBytes = 1 << 20;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Wakes the follower: more bytes may be written at the front.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Follows the written front until every part is hashed, then returns the digest of the whole file.</summary>
    public async Task<Digest> RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long hashed = 0;
            var index = 0;
            while (index < parts.Count)
            {
                var part = parts[index];
                var available = Math.Min(part.Completed, part.Size) - (hashed - part.Offset);
                if (available <= 0)
                {
                    await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                    _wake.Reader.TryRead(out _);
                    continue;
                }

                var want = (int)Math.Min(buffer.Length, available);
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, want), hashed, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("partial file is shorter than its parts");
                }

                _hash.AppendData(buffer, 0, read);
                hashed += read;
                if (hashed == part.Offset + part.Size)
                {
                    index++;
                }
            }

            return Digest.FromHash(_hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _hash.Dispose();
}
