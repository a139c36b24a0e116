using System.Text.Json;
using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// Checks a manifest from an untrusted source before any file is touched: schema 2, every digest exactly
/// <c>sha256:</c> + 64 lower-case hex (no <c>../</c>, <c>%2e</c>, NUL, upper case, short or long forms), sizes sane.
/// </summary>
public static class ManifestValidator
{
    /// <summary>Largest blob size accepted from a manifest (4 TiB).</summary>
    public const long MaxBlobSize = 4L << 40;

    /// <summary>Parses and validates; throws <see cref="RegistryException"/> with a message naming what is wrong.</summary>
    public static ValidatedManifest Validate(byte[] bytes, int maxLayers)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.Manifest)
                ?? throw RegistryException.Invalid("invalid manifest: empty");
        }
        catch (JsonException)
        {
            throw RegistryException.Invalid("invalid manifest: not valid JSON");
        }

        if (manifest.SchemaVersion != 2)
        {
            throw RegistryException.Invalid($"unsupported manifest schema version {manifest.SchemaVersion}");
        }

        if (manifest.Layers is null || manifest.Config is null || manifest.Layers.Count > maxLayers)
        {
            throw RegistryException.Invalid("invalid manifest: missing config or too many layers");
        }

        var blobs = new List<RemoteBlob>();
        var seen = new HashSet<Digest>();
        foreach (var layer in manifest.AllBlobs())
        {
            if (layer is null || !Digest.TryParse(layer.Digest, out var digest) || !layer.Digest.StartsWith("sha256:", StringComparison.Ordinal))
            {
                throw RegistryException.Invalid("invalid manifest: invalid digest format");
            }

            if (layer.Size is < 0 or > MaxBlobSize)
            {
                throw RegistryException.Invalid($"invalid manifest: layer {digest} has an invalid size");
            }

            if (seen.Add(digest))
            {
                blobs.Add(new RemoteBlob(digest, layer.Size, layer.MediaType ?? ""));
            }
        }

        return new ValidatedManifest(bytes, manifest, blobs);
    }
}
