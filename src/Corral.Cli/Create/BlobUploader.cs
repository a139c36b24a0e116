using Corral.Api;
using Corral.Api.Client;
using Corral.Cli.Rendering;

namespace Corral.Cli.Create;

/// <summary>
/// Makes sure the server has a local file as a blob: hashes it (sha256), asks <c>HEAD /api/blobs/:digest</c>
/// and uploads only when missing, showing <c>copying file sha256:… NN%</c>.
/// </summary>
public static class BlobUploader
{
    /// <summary>Computes the file's digest (<c>sha256:…</c>).</summary>
    public static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return (await Digest.ComputeAsync(stream, cancellationToken).ConfigureAwait(false)).ToString();
    }

    /// <summary>Uploads the file unless the server has it already. Returns true when it was uploaded.</summary>
    public static async Task<bool> EnsureAsync(CorralClient client, string path, string digest, ProgressRenderer? progress, CancellationToken cancellationToken)
    {
        var spinner = progress?.AddSpinner($"copying file {digest} 0%");
        var done = $"copying file {digest} 100%";
        try
        {
            if (await client.BlobExistsAsync(digest, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (await TryLinkAsync(client.BaseAddress, path, digest, cancellationToken).ConfigureAwait(false) is { } placement)
            {
                done = Describe(placement, path, digest);
                return true;
            }

            await using var file = File.OpenRead(path);
            var length = Math.Max(1, file.Length);
            await using var counting = new CountingStream(file, read =>
            {
                if (spinner is not null)
                {
                    spinner.Message = $"copying file {digest} {100 * read / length}%";
                }
            });
            await client.PushBlobAsync(digest, counting, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            if (spinner is not null)
            {
                spinner.Message = done;
                spinner.Stop();
            }
        }
    }

    /// <summary>
    /// Asks a server on this machine to link the file into its store (<c>POST /api/blobs/:digest/link</c>) instead of
    /// receiving a copy of its bytes. False (then the caller uploads) when the server is elsewhere, cannot see the file,
    /// or predates the endpoint. Otherwise how the server stored it: <c>reflink</c>, <c>hardlink</c>, <c>copy</c> or
    /// <c>existing</c>.
    /// </summary>
    public static async Task<string?> TryLinkAsync(Uri server, string path, string digest, CancellationToken cancellationToken)
    {
        if (!server.IsLoopback)
        {
            return null;
        }

        try
        {
            using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
            using var body = new StringContent(Path.GetFullPath(path), System.Text.Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync($"/api/blobs/{Uri.EscapeDataString(digest)}/link", body, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? response.Headers.TryGetValues("X-Corral-Blob-Placement", out var values) ? values.First() : "copy"
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>What the user is told: a hard link changes their file's mode, so it is said, never silent.</summary>
    private static string Describe(string placement, string path, string digest) => placement switch
    {
        "hardlink" => $"linked file {digest} (hard link, no copy; {Path.GetFileName(path)} is now read-only so the model cannot change under it)",
        "reflink" => $"cloned file {digest} (copy-on-write, no bytes copied)",
        "existing" => $"using existing file {digest}",
        _ => $"copied file {digest} on the server",
    };

    private sealed class CountingStream(Stream inner, Action<long> onProgress) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            onProgress(_read);
            return n;
        }
    }
}
