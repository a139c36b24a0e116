using System.Net;
using Corral.Core.Errors;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary><c>GET /v2/{repo}/manifests/{tag}</c> with a bounded body, validated before anything else happens.</summary>
public sealed class ManifestFetcher(RegistryClient client)
{
    /// <summary>Fetches and validates the manifest of <paramref name="endpoint"/>.</summary>
    public async Task<ValidatedManifest> FetchAsync(RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var request = new RegistryRequest(HttpMethod.Get, endpoint.ManifestUri)
        {
            FollowRedirects = true,
            Headers = m => m.Headers.Accept.ParseAdd(MediaTypes.Manifest),
        };
        using var response = await client.SendAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(ErrorKind.NotFound, "pull model manifest: file does not exist");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw RegistryException.Invalid($"pull model manifest: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var bytes = await RegistryClient.ReadBoundedAsync(response.Content, client.Options.MaxManifestBytes, "manifest", cancellationToken)
            .ConfigureAwait(false);
        return ManifestValidator.Validate(bytes, client.Options.MaxLayers);
    }
}
