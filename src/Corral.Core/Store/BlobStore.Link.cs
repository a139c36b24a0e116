using System.Security.Cryptography;
using Corral.Api;
using Corral.Core.Errors;

namespace Corral.Core.Store;

/// <summary>How a local file became a blob.</summary>
public enum BlobPlacement
{
    /// <summary>The store already had the blob.</summary>
    Existing,

    /// <summary>A copy-on-write clone (FICLONE): no bytes copied, and later edits of the source do not reach the blob.</summary>
    Reflink,

    /// <summary>A hard link: the same inode, made read-only so the source cannot be rewritten in place by accident.</summary>
    HardLink,

    /// <summary>A plain copy (another file system, or linking was refused).</summary>
    Copy,
}

public sealed partial class BlobStore
{
    private const UnixFileMode WriteBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Stores a file that is already on this machine without copying its bytes where the file system allows: a reflink
    /// first (a private copy-on-write clone), else a hard link, else a copy. What lands in the store is hashed under
    /// the store's own name before it is renamed into place, so a blob is always the content its digest names.
    /// </summary>
    /// <remarks>
    /// A hard link shares the source's inode: rewriting the source in place (<c>cp new.gguf model.gguf</c>, an editor
    /// that writes in place) would change the blob. The shared inode is therefore made read-only (owner, group and
    /// other write bits cleared), which turns such an overwrite into "permission denied" instead of a silent
    /// corruption; replacing the source by rename (most tools) leaves the blob alone. When the mode cannot be changed
    /// (the file belongs to someone else) the file is copied instead. Root ignores file modes: <see cref="VerifyAsync"/>
    /// rechecks a blob against its digest.
    /// </remarks>
    public async Task<BlobPlacement> ImportFileAsync(string source, Digest expected, CancellationToken cancellationToken)
    {
        if (Exists(expected))
        {
            return BlobPlacement.Existing;
        }

        Directory.CreateDirectory(_directory);
        var temp = Path.Combine(_directory, $".link-{Guid.NewGuid():N}.tmp");
        try
        {
            var placement = Place(source, temp);
            var actual = await HashFileAsync(temp, cancellationToken).ConfigureAwait(false);
            if (actual != expected)
            {
                throw CorralException.BadRequest($"digest mismatch, expected \"{expected}\", got \"{actual}\"");
            }

            if (placement == BlobPlacement.HardLink && !TryMakeReadOnly(temp))
            {
                // A link we cannot protect is a blob anyone with write access to the source can change: copy instead.
                AtomicFile.TryDelete(temp);
                File.Copy(source, temp);
                placement = BlobPlacement.Copy;
                if (await HashFileAsync(temp, cancellationToken).ConfigureAwait(false) != expected)
                {
                    throw CorralException.BadRequest("the file changed while it was being stored");
                }
            }

            MoveIntoPlace(temp, expected);
            return placement;
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <summary>Rehashes a stored blob; false when its bytes no longer match its digest (or it is missing).</summary>
    public async Task<bool> VerifyAsync(Digest digest, CancellationToken cancellationToken) =>
        Exists(digest) && await HashFileAsync(PathFor(digest), cancellationToken).ConfigureAwait(false) == digest;

    private static BlobPlacement Place(string source, string temp)
    {
        using (var from = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
        {
            var cloned = false;
            using (var to = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                cloned = NativeMethods.TryClone(from, to);
            }

            if (cloned)
            {
                return BlobPlacement.Reflink;
            }

            File.Delete(temp);
        }

        if (NativeMethods.TryHardLink(source, temp))
        {
            return BlobPlacement.HardLink;
        }

        File.Copy(source, temp);
        return BlobPlacement.Copy;
    }

    private static bool TryMakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & WriteBits) != 0)
            {
                File.SetUnixFileMode(path, mode & ~WriteBits);
            }

            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static async Task<Digest> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Digest.FromHash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
