using System.Buffers;
using System.Security.Cryptography;
using Corral.Api;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Registry;

/// <summary>
/// Hashes a blob while it downloads: whenever the parts at the front of the file are complete, their bytes (still in
/// the page cache) are read back and fed to SHA-256, so verifying at the end only covers the last parts.
/// </summary>
internal sealed class PrefixHasher(SafeFileHandle file, IReadOnlyList<PartState> parts) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _next;

    /// <summary>Hashes every complete part at the front that is not hashed yet.</summary>
    public async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                while (_next < parts.Count && parts[_next].IsDone)
                {
                    var part = parts[_next];
                    for (long done = 0; done < part.Size; )
                    {
                        var want = (int)Math.Min(buffer.Length, part.Size - done);
                        var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, want), part.Offset + done, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException("partial file is shorter than its parts");
                        }

                        _hash.AppendData(buffer, 0, read);
                        done += read;
                    }

                    _next++;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hashes what is left and returns the digest of the whole file.</summary>
    public async Task<Digest> FinishAsync(CancellationToken cancellationToken)
    {
        await AdvanceAsync(cancellationToken).ConfigureAwait(false);
        if (_next != parts.Count)
        {
            throw new InvalidOperationException("not every part is complete");
        }

        return Digest.FromHash(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _hash.Dispose();
        _gate.Dispose();
    }
}
