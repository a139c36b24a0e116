using System.Security.Cryptography;
using Corral.Api;
using Corral.Core.Errors;

namespace Corral.Core.Store;

/// <summary>
/// Content-addressed blobs in <c>blobs/sha256-&lt;hex&gt;</c>. A blob is written to a temporary file while it is hashed,
/// checked against the digest it claims, and only then renamed into place, so a blob file is always whole and correct.
/// Paths are only ever built from a validated <see cref="Digest"/>.
/// </summary>
public sealed partial class BlobStore
{
    private readonly string _directory;

    public BlobStore(string root)
    {
        _directory = Path.Combine(root, "blobs");
    }

    /// <summary>The folder that holds the blobs (and unfinished downloads).</summary>
    public string DirectoryPath => _directory;

    public string PathFor(Digest digest) => Path.Combine(_directory, digest.BlobFileName);

    public bool Exists(Digest digest) => File.Exists(PathFor(digest));

    public long Length(Digest digest) => new FileInfo(PathFor(digest)).Length;

    public FileStream OpenRead(Digest digest) =>
        new(PathFor(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);

    /// <summary>Stores <paramref name="content"/>; when <paramref name="expected"/> is given, a mismatch is a 400 and nothing is kept.</summary>
    public async Task<Digest> WriteAsync(Stream content, Digest? expected, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var temp = Path.Combine(_directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
                try
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            var actual = Digest.FromHash(hash.GetHashAndReset());
            if (expected is { } want && want != actual)
            {
                throw CorralException.BadRequest($"digest mismatch, expected \"{want}\", got \"{actual}\"");
            }

            MoveIntoPlace(temp, actual);
            return actual;
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <summary>Stores a small blob held in memory (template, system prompt, params, config).</summary>
    public Digest WriteBytes(ReadOnlySpan<byte> content)
    {
        var digest = Digest.FromHash(SHA256.HashData(content));
        if (!Exists(digest))
        {
            AtomicFile.WriteAllBytes(PathFor(digest), content);
        }

        return digest;
    }

    public byte[] ReadAllBytes(Digest digest) => File.ReadAllBytes(PathFor(digest));

    public void Delete(Digest digest) => AtomicFile.TryDelete(PathFor(digest));

    /// <summary>Every well-formed blob file in the store.</summary>
    public IEnumerable<Digest> List()
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_directory, "sha256-*"))
        {
            if (Digest.TryParse(Path.GetFileName(path), out var digest))
            {
                yield return digest;
            }
        }
    }

    private void MoveIntoPlace(string temp, Digest digest)
    {
        var path = PathFor(digest);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer stored the same content first; identical bytes, nothing to do.
        }
    }
}
