using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;

namespace Corral.Core.Registry;

/// <summary>
/// Downloads one part with a ranged GET into its place in the partial file. A stall (no bytes for
/// <see cref="RegistryOptions.StallTimeout"/>), a dropped connection or a 5xx/429 is retried with exponential backoff;
/// the retry resumes from the last written byte. A body longer than the part is cut at the part's end. Each chunk is
/// handed, receive buffer and all, to the hash task when it lands at the hash front (see <see cref="PrefixHasher"/>).
/// </summary>
internal sealed class PartDownloader(
    RegistryClient client, RegistryEndpoint endpoint, RemoteBlob blob, PartialBlob partial, SafeFileHandle file,
    DownloadProgress progress, RegistryStatistics statistics, TimeProvider time, PrefixHasher hasher)
{
    private const int BufferBytes = 1 << 20;
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private RegistryOptions Options => client.Options;

    public async Task RunAsync(PartState part, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!part.IsDone)
        {
            var before = part.Completed;
            try
            {
                await AttemptAsync(part, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsRetryable(e))
            {
                failures = part.Completed > before ? 1 : failures + 1;
                if (failures >= Options.MaxAttempts)
                {
                    throw RegistryException.Invalid($"download of {blob.Digest} failed after {failures} attempts: {Describe(e)}");
                }

                var backoff = Options.InitialBackoff * Math.Pow(2, failures - 1);
                await Task.Delay(backoff < Options.MaxBackoff ? backoff : Options.MaxBackoff, time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                partial.TrySave(part);
            }
        }
    }

    private async Task AttemptAsync(PartState part, CancellationToken cancellationToken)
    {
        var start = part.Offset + part.Completed;
        var end = part.Offset + part.Size - 1;
        using var stall = new CancellationTokenSource(Options.StallTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            var request = new RegistryRequest(HttpMethod.Get, endpoint.BlobUri(blob.Digest))
            {
                FollowRedirects = true,
                Headers = m => m.Headers.Range = new RangeHeaderValue(start, end),
            };
            using var response = await client.SendAsync(endpoint, request, linked.Token).ConfigureAwait(false);
            var skip = CheckResponse(response, start);
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await CopyAsync(body, part, skip, stall, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data for {Options.StallTimeout.TotalSeconds:0} s");
        }
    }

    private async Task CopyAsync(Stream body, PartState part, long skip, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var lastSave = time.GetTimestamp();
        try
        {
            while (!part.IsDone)
            {
                var want = (int)Math.Min(buffer.Length, skip > 0 ? skip : part.Size - part.Completed);
                var read = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the registry closed the connection early");
                }

                stall.CancelAfter(Options.StallTimeout);
                statistics.Downloaded(read);
                if (skip > 0)
                {
                    skip -= read;
                    continue;
                }

                var offset = part.Offset + part.Completed;
                Write(buffer.AsSpan(0, read), offset);
                var handed = hasher.TryHand(offset, buffer, read);
                if (handed)
                {
                    // The hasher owns the buffer now (it hashes it on its own task and returns it to the pool).
                    buffer = null;
                    buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
                }

                part.Completed += read;
                if (!handed)
                {
                    hasher.Notify();
                }

                progress.Add(read);
                if (time.GetElapsedTime(lastSave) > SaveInterval)
                {
                    partial.TrySave(part);
                    lastSave = time.GetTimestamp();
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Writes synchronously: a write into the page cache is a copy, and on Unix the asynchronous form only moves the
    /// same blocking call to another thread-pool thread, which costs more CPU than the copy saves.
    /// </summary>
    private void Write(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            RandomAccess.Write(file, data, offset);
        }
        catch (IOException e)
        {
            throw new RegistryException(Errors.ErrorKind.Internal, "writing the download failed (disk full?)", e);
        }
    }

    /// <summary>206 from the requested offset, or 200 with the whole blob (then the first bytes are skipped).</summary>
    private long CheckResponse(HttpResponseMessage response, long start)
    {
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            return response.Content.Headers.ContentRange?.From is { } from && from != start
                ? throw new IOException("the registry answered a different range")
                : 0;
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            return start;
        }

        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            throw new HttpRequestException($"registry answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        throw RegistryException.Invalid($"download blob {blob.Digest}: {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    private static bool IsRetryable(Exception e) =>
        e is TimeoutException or (HttpRequestException and not { InnerException: RegistryException }) or IOException;

    private static string Describe(Exception e) => e is HttpRequestException { StatusCode: { } s } ? $"registry answered {(int)s}" : e.Message;
}
