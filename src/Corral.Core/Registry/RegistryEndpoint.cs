using Corral.Api;

namespace Corral.Core.Registry;

/// <summary>
/// Where a model lives on a registry: <c>{scheme}://{host}/v2/{namespace}/{model}</c>. Plain HTTP only with
/// <c>insecure</c>, as Ollama does (insecure also switches the default scheme to HTTP).
/// </summary>
public sealed record RegistryEndpoint(Uri BaseUri, string Repository, string Tag, bool Insecure)
{
    /// <summary>Builds the endpoint for a model name; an explicit <c>http://</c> without insecure is refused.</summary>
    public static RegistryEndpoint For(ModelName name, bool insecure)
    {
        ArgumentNullException.ThrowIfNull(name);
        var scheme = insecure ? "http" : name.Scheme;
        if (scheme == "http" && !insecure)
        {
            throw RegistryException.Refused("insecure protocol http");
        }

        var host = name.Host.Equals("hf.co", StringComparison.OrdinalIgnoreCase) ? "hf.co" : name.Host;
        return new RegistryEndpoint(new Uri($"{scheme}://{host}/"), $"{name.Namespace}/{name.Model}", name.Tag, insecure);
    }

    /// <summary><c>host[:port]</c> as written in URLs.</summary>
    public string Authority => BaseUri.Authority;

    /// <summary><c>GET/PUT /v2/{repo}/manifests/{tag}</c>.</summary>
    public Uri ManifestUri => new(BaseUri, $"v2/{Repository}/manifests/{Tag}");

    /// <summary><c>GET/HEAD /v2/{repo}/blobs/{digest}</c>.</summary>
    public Uri BlobUri(Digest digest) => new(BaseUri, $"v2/{Repository}/blobs/{digest}");

    /// <summary><c>POST /v2/{repo}/blobs/uploads/</c>.</summary>
    public Uri UploadsUri => new(BaseUri, $"v2/{Repository}/blobs/uploads/");

    /// <summary>The token scope for this repository.</summary>
    public string Scope(bool push) => $"repository:{Repository}:{(push ? "pull,push" : "pull")}";

    /// <summary>True when <paramref name="uri"/> is on this registry (same scheme, host and port).</summary>
    public bool IsSameOrigin(Uri uri) =>
        string.Equals(uri.Scheme, BaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, BaseUri.Authority, StringComparison.OrdinalIgnoreCase);
}
