using System.Net;
using Corral.Api;
using Corral.Core.Store;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Registry;

/// <summary>
/// Downloads one blob into the store: size checked with HEAD, ranged parts (in parallel while one stream is slow) into
/// a resumable, preallocated <c>-partial</c> file, SHA-256 computed as the bytes arrive, and the file renamed into place
/// only when the digest matches. On a mismatch the partial data is deleted.
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
        using (var file = OpenData(partial, blob))
        using (var hasher = new PrefixHasher(file, partial.Parts))
        {
            if (RandomAccess.GetLength(file) != blob.Size)
            {
                RandomAccess.SetLength(file, blob.Size);
            }

            partial.SaveAll();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var hashing = hasher.RunAsync(stop.Token);
            var parts = new PartDownloader(client, endpoint, blob, partial, file, progress, statistics, time, hasher);
            try
            {
                await DownloadPartsAsync(partial, parts, hasher, progress, stop).ConfigureAwait(false);
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

    /// <summary>
    /// Downloads the missing parts in blob order. One stream starts; while it delivers less than
    /// <see cref="RegistryOptions.SingleStreamRate"/> (a remote registry or CDN that limits each connection), up to
    /// <see cref="RegistryOptions.MaxParallelParts"/> streams run. A stream faster than that (a registry on loopback or
    /// the LAN) is bound by this machine's CPU, where more streams only compete with it and write ahead of the hash
    /// front, so those bytes must be read back to be hashed instead of being hashed as they arrive.
    /// </summary>
    private async Task DownloadPartsAsync(PartialBlob partial, PartDownloader parts, PrefixHasher hasher, DownloadProgress progress, CancellationTokenSource stop)
    {
        var pending = new Queue<PartState>(partial.Parts.Where(p => !p.IsDone));
        var workers = new List<Task>();
        var max = Math.Max(1, client.Options.MaxParallelParts);
        var token = stop.Token;

        async Task Work()
        {
            while (true)
            {
                PartState? part;
                lock (pending)
                {
                    if (!pending.TryDequeue(out part))
                    {
                        return;
                    }
                }

                try
                {
                    await parts.RunAsync(part, token).ConfigureAwait(false);
                }
                catch
                {
                    // Stop the other streams; the awaited WhenAll reports this failure, not their cancellation.
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw;
                }

                hasher.Notify();
            }
        }

        void Start(int count)
        {
            for (var i = 0; i < count && workers.Count < max; i++)
            {
                workers.Add(Task.Run(Work, CancellationToken.None));
            }
        }

        Start(double.IsPositiveInfinity(client.Options.SingleStreamRate) ? max : 1);
        var all = Task.WhenAll(workers);
        var before = progress.Completed;
        var since = time.GetTimestamp();
        while (workers.Count < max && !token.IsCancellationRequested)
        {
            var tick = Task.Delay(client.Options.RampInterval, time, token);
            if (await Task.WhenAny(all, tick).ConfigureAwait(false) == all)
            {
                break;
            }

            // The average since the start, so that one slow moment on a busy machine does not open more streams.
            var rate = (progress.Completed - before) / Math.Max(1e-3, time.GetElapsedTime(since).TotalSeconds);
            bool more;
            lock (pending)
            {
                more = pending.Count > 0;
            }

            if (more && rate < client.Options.SingleStreamRate)
            {
                Start(max);
                all = Task.WhenAll(workers);
            }
        }

        await all.ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the partial data file. A new one is preallocated to the blob's size (fallocate where the file system has
    /// it): filling allocated space costs markedly less CPU than writing into a sparse file, which allocates as it
    /// goes (docs/BENCHMARKS.md), and a disk without room for the blob fails here instead of part-way.
    /// </summary>
    private static SafeFileHandle OpenData(PartialBlob partial, RemoteBlob blob)
    {
        if (!File.Exists(partial.DataPath))
        {
            try
            {
                return File.OpenHandle(partial.DataPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, FileOptions.None, preallocationSize: blob.Size);
            }
            catch (IOException e) when (!File.Exists(partial.DataPath))
            {
                throw new RegistryException(Errors.ErrorKind.Internal, $"no room on disk for blob {blob.Digest} ({blob.Size} bytes)", e);
            }
        }

        return File.OpenHandle(partial.DataPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, FileOptions.None);
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
