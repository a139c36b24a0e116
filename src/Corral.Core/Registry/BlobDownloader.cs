using System.Net;
using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// Downloads one blob into the store: size checked with HEAD, parallel ranged parts into a resumable
/// <c>-partial</c> file, SHA-256 computed as the front of the file completes, and the file renamed into place only
/// when the digest matches. On a mismatch the partial data is deleted.
/// </summary>
public sealed class BlobDownloader(RegistryClient client, ModelStore store, RegistryStatistics statistics, TimeProvider time)
{
    /// <summary>Downloads <paramref name="blob"/> unless the store already has it.</summary>
    public async Task DownloadAsync(RegistryEndpoint endpoint, RemoteBlob blob, DownloadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(progress);
        if (store.Blobs.Exists(blob.Digest))
        {
            progress.Set(blob.Size);
            return;
        }

        await CheckSizeAsync(endpoint, blob, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(store.Blobs.PathFor(blob.Digest))!);
        var partial = PartialBlob.LoadOrPlan(store.Blobs, blob.Digest, blob.Size, client.Options.PartSizeFor(blob.Size));
        progress.Set(partial.Completed);
        Digest actual;
        using (var file = File.OpenHandle(partial.DataPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, FileOptions.Asynchronous))
        using (var hasher = new PrefixHasher(file, partial.Parts))
        {
            if (RandomAccess.GetLength(file) != blob.Size)
            {
                RandomAccess.SetLength(file, blob.Size);
            }

            partial.SaveAll();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var hashing = hasher.RunAsync(stop.Token);
            var parts = new PartDownloader(client, endpoint, blob, partial, file, progress, statistics, time, hasher.Notify);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, client.Options.MaxParallelParts), CancellationToken = cancellationToken };
            try
            {
                await Parallel.ForEachAsync(partial.Parts.Where(p => !p.IsDone), parallel, async (part, token) =>
                {
                    await parts.RunAsync(part, token).ConfigureAwait(false);
                    hasher.Notify();
                }).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await hashing.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }
            finally
            {
                partial.SaveAll();
            }

            hasher.Notify();
            actual = await hashing.ConfigureAwait(false);
        }

        if (actual != blob.Digest)
        {
            PartialBlob.Discard(partial.DataPath);
            throw RegistryException.Invalid($"digest mismatch, file must be downloaded again: want {blob.Digest}, got {actual}");
        }

        MoveIntoPlace(partial.DataPath, store.Blobs.PathFor(blob.Digest));
        PartialBlob.Discard(partial.DataPath);
    }

    private async Task CheckSizeAsync(RegistryEndpoint endpoint, RemoteBlob blob, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Head, endpoint.BlobUri(blob.Digest)) { FollowRedirects = true };
        using var response = await client.SendAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(Errors.ErrorKind.NotFound, $"blob {blob.Digest} not found on the registry");
        }

        if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is { } length && length != blob.Size)
        {
            throw RegistryException.Invalid($"blob {blob.Digest} is {length} bytes on the registry but the manifest declares {blob.Size}");
        }
    }

    private static void MoveIntoPlace(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
        }
        catch (IOException) when (File.Exists(to))
        {
            // Stored meanwhile by another writer (create, import); content-addressed, so identical.
        }
    }
}
