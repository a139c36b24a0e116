using System.Net;
using System.Net.Http.Headers;
using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// Uploads one blob with the OCI upload API: HEAD (skip when present), POST (a cross-repository mount when the layer
/// came from another repository on the same registry), chunked PATCH with <c>Content-Range</c>, PUT with the digest.
/// </summary>
public sealed class BlobUploader(RegistryClient client, ModelStore store, RegistryStatistics statistics)
{
    /// <summary>Uploads <paramref name="blob"/> unless the registry has it.</summary>
    public async Task UploadAsync(RegistryEndpoint endpoint, RemoteBlob blob, string? mountFrom, DownloadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(progress);
        using (var head = await SendAsync(endpoint, new RegistryRequest(HttpMethod.Head, endpoint.BlobUri(blob.Digest)) { Push = true, FollowRedirects = true }, cancellationToken).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode)
            {
                progress.Set(blob.Size);
                return;
            }
        }

        var start = mountFrom is null ? endpoint.UploadsUri : new Uri($"{endpoint.UploadsUri}?mount={blob.Digest}&from={Uri.EscapeDataString(mountFrom)}");
        Uri location;
        using (var post = await SendAsync(endpoint, new RegistryRequest(HttpMethod.Post, start) { Push = true }, cancellationToken).ConfigureAwait(false))
        {
            if (post.StatusCode == HttpStatusCode.Created)
            {
                progress.Set(blob.Size);
                return;
            }

            location = Location(post, start, "start upload");
        }

        var path = store.Blobs.PathFor(blob.Digest);
        var chunk = Math.Max(1, client.Options.PartSizeFor(blob.Size));
        for (long offset = 0; offset < blob.Size; offset += chunk)
        {
            var (from, length) = (offset, Math.Min(chunk, blob.Size - offset));
            var patch = new RegistryRequest(HttpMethod.Patch, location)
            {
                Push = true,
                Content = () =>
                {
                    progress.Set(from);
                    var content = new FileSliceContent(path, from, length, sent => { progress.Add(sent); statistics.Uploaded(sent); });
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

                    // OCI's chunk range is "<first>-<last>" (no "bytes" unit), and it is a content header.
                    content.Headers.TryAddWithoutValidation("Content-Range", $"{from}-{from + length - 1}");
                    return content;
                },
            };
            using var response = await SendAsync(endpoint, patch, cancellationToken).ConfigureAwait(false);
            location = Location(response, location, "upload chunk");
        }

        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        var put = new Uri($"{location}{separator}digest={Uri.EscapeDataString(blob.Digest.ToString())}");
        using var done = await SendAsync(endpoint, new RegistryRequest(HttpMethod.Put, put) { Push = true, Content = () => new ByteArrayContent([]) }, cancellationToken)
            .ConfigureAwait(false);
        if (!done.IsSuccessStatusCode)
        {
            throw RegistryException.Invalid($"finish upload of {blob.Digest}: {(int)done.StatusCode} {done.ReasonPhrase}");
        }

        progress.Set(blob.Size);
    }

    private Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, RegistryRequest request, CancellationToken cancellationToken) =>
        client.SendAsync(endpoint, request, cancellationToken);

    private static Uri Location(HttpResponseMessage response, Uri requestUri, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw RegistryException.Invalid($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var header = response.Headers.TryGetValues("Docker-Upload-Location", out var values) ? values.FirstOrDefault() : null;
        var location = header is not null ? new Uri(header, UriKind.RelativeOrAbsolute) : response.Headers.Location;
        return location is null
            ? throw RegistryException.Invalid($"{what}: the registry sent no upload location")
            : new Uri(requestUri, location);
    }
}
