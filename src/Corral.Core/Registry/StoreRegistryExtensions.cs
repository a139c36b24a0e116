using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>Store operations the registry code needs beyond <see cref="ModelStore"/>'s own.</summary>
public static class StoreRegistryExtensions
{
    /// <summary>Writes a manifest's exact bytes (as received) atomically, keeping an existing file's spelling.</summary>
    public static void WriteManifestBytes(this ModelStore store, ModelName name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(name);
        var path = store.Manifests.Find(name)?.Path
            ?? Path.Combine(store.Root, "manifests", name.Host, name.Namespace, name.Model, name.Tag);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The exact stored bytes of a manifest (what <c>/v2/…/manifests</c> serves and push uploads).</summary>
    public static byte[] ReadManifestBytes(this StoredManifest stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return File.ReadAllBytes(stored.Path);
    }

    /// <summary>Deletes blobs of <paramref name="previous"/> that no manifest references any more.</summary>
    public static void RemoveUnreferencedBlobs(this ModelStore store, Manifest previous)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(previous);
        var used = store.Manifests.List().SelectMany(m => m.Manifest.AllBlobs()).Select(l => l.Digest).ToHashSet(StringComparer.Ordinal);
        foreach (var layer in previous.AllBlobs())
        {
            if (!used.Contains(layer.Digest) && Digest.TryParse(layer.Digest, out var digest))
            {
                store.Blobs.Delete(digest);
            }
        }
    }
}
