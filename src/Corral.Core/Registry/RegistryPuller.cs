using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// <c>/api/pull</c>: fetches and validates the manifest, downloads every missing blob (shared with concurrent pulls),
/// and writes the manifest only after every blob is in the store and verified. Progress lines are Ollama's.
/// </summary>
public sealed class RegistryPuller(ModelStore store, ManifestFetcher fetcher, DownloadCoordinator downloads, RegistryOptions options, TimeProvider time)
{
    /// <summary>Pulls a model; each item is one progress line.</summary>
    public async IAsyncEnumerable<ProgressResponse> PullAsync(PullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ModelStore.ParseName(request.Model ?? request.Name);
        var endpoint = RegistryEndpoint.For(name, request.Insecure);
        if (RegistryHostPolicy.RefuseName(endpoint.BaseUri.Host, options.AllowPrivateAddresses) is { } refused)
        {
            throw RegistryException.Refused(refused);
        }

        yield return new ProgressResponse { Status = "pulling manifest" };
        var manifest = await fetcher.FetchAsync(endpoint, cancellationToken).ConfigureAwait(false);

        var leases = manifest.Blobs.Select(blob => downloads.Join(endpoint, blob)).ToList();
        try
        {
            var all = Task.WhenAll(leases.Select(l => l.Completion));
            var reported = new long[leases.Count];
            Array.Fill(reported, -1);
            while (true)
            {
                var finished = all.IsCompleted || leases.Any(l => l.Completion.IsFaulted);
                for (var i = 0; i < leases.Count; i++)
                {
                    var completed = leases[i].Progress.Completed;
                    if (completed != reported[i])
                    {
                        reported[i] = completed;
                        var blob = manifest.Blobs[i];
                        yield return new ProgressResponse { Status = $"pulling {blob.ShortHex}", Digest = blob.Digest.ToString(), Total = blob.Size, Completed = completed };
                    }
                }

                if (finished)
                {
                    break;
                }

                await Task.WhenAny(all, Task.Delay(options.ProgressInterval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (leases.FirstOrDefault(l => l.Completion.IsFaulted) is { } failed)
            {
                await failed.Completion.ConfigureAwait(false);
            }

            await all.ConfigureAwait(false);
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
        }

        yield return new ProgressResponse { Status = "verifying sha256 digest" };
        foreach (var blob in manifest.Blobs)
        {
            if (!store.Blobs.Exists(blob.Digest))
            {
                throw RegistryException.Invalid($"blob {blob.Digest} is missing after the download");
            }
        }

        yield return new ProgressResponse { Status = "writing manifest" };
        var previous = store.Manifests.Find(name);
        store.WriteManifestBytes(name, manifest.Bytes);
        if (previous is not null)
        {
            yield return new ProgressResponse { Status = "removing unused layers" };
            store.RemoveUnreferencedBlobs(previous.Manifest);
        }

        yield return new ProgressResponse { Status = "success" };
    }
}
