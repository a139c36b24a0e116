using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Corral.Api;
using Corral.Api.Models;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary><c>/api/push</c>: uploads every blob the registry lacks, then the manifest (exact stored bytes) last.</summary>
public sealed class RegistryPusher(ModelStore store, RegistryClient client, BlobUploader uploader, TimeProvider time)
{
    /// <summary>Pushes a model; each item is one progress line.</summary>
    public async IAsyncEnumerable<ProgressResponse> PushAsync(PullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ModelStore.ParseName(request.Model ?? request.Name);
        var endpoint = RegistryEndpoint.For(name, request.Insecure);
        yield return new ProgressResponse { Status = "retrieving manifest" };
        var stored = store.Manifests.Find(name) ?? throw new Errors.ModelNotFoundException(name.DisplayShortest);
        var bytes = stored.ReadManifestBytes();
        var manifest = ManifestValidator.Validate(bytes, client.Options.MaxLayers);
        foreach (var blob in manifest.Blobs)
        {
            if (!store.Blobs.Exists(blob.Digest))
            {
                throw RegistryException.Invalid($"blob {blob.Digest} of the model is missing from the store");
            }
        }

        foreach (var blob in manifest.Blobs)
        {
            var progress = new DownloadProgress(blob.Size);
            var upload = uploader.UploadAsync(endpoint, blob, MountSource(name, blob.Digest, stored.Manifest), progress, cancellationToken);
            long reported = -1;
            while (true)
            {
                var finished = upload.IsCompleted;
                if (progress.Completed != reported)
                {
                    reported = progress.Completed;
                    yield return new ProgressResponse { Status = $"pushing {blob.ShortHex}", Digest = blob.Digest.ToString(), Total = blob.Size, Completed = reported };
                }

                if (finished)
                {
                    break;
                }

                await Task.WhenAny(upload, Task.Delay(client.Options.ProgressInterval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            await upload.ConfigureAwait(false);
        }

        yield return new ProgressResponse { Status = "pushing manifest" };
        var put = new RegistryRequest(HttpMethod.Put, endpoint.ManifestUri)
        {
            Push = true,
            Content = () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(manifest.Manifest.MediaType ?? MediaTypes.Manifest);
                return content;
            },
        };
        using (var response = await client.SendAsync(endpoint, put, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw RegistryException.Invalid($"push manifest: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }

        yield return new ProgressResponse { Status = "success" };
    }

    /// <summary>
    /// A repository on the same registry that should already hold the layer, for a cross-repository mount: the layer's
    /// <c>from</c> when it names one, else another local model of the same registry that has the layer (it was pulled
    /// from or pushed there). A wrong guess costs nothing: the registry then answers 202 and the blob is uploaded.
    /// </summary>
    private string? MountSource(ModelName target, Digest digest, Manifest manifest)
    {
        var text = digest.ToString();
        var candidates = new List<string>();
        if (manifest.AllBlobs().FirstOrDefault(l => l.Digest == text)?.From is { } from)
        {
            candidates.Add(from);
        }

        candidates.AddRange(store.Manifests.List()
            .Where(m => m.Manifest.AllBlobs().Any(l => l.Digest == text))
            .Select(m => m.Name.ToString()));
        foreach (var candidate in candidates)
        {
            if (!ModelName.TryParse(candidate, out var source) || !string.Equals(source.Host, target.Host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var repository = $"{source.Namespace}/{source.Model}";
            if (!string.Equals(repository, $"{target.Namespace}/{target.Model}", StringComparison.OrdinalIgnoreCase))
            {
                return repository;
            }
        }

        return null;
    }
}
