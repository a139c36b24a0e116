using System.Formats.Tar;
using System.Text;
using Corral.Api;
using Corral.Core.Errors;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>Writes a model as a <see cref="ModelBundle"/> tar to any (non-seekable) stream.</summary>
public sealed class ModelBundleWriter(ModelStore store)
{
    /// <summary>Writes the bundle of <paramref name="model"/>; the manifest is checked before the first byte.</summary>
    public async Task WriteAsync(string? model, Stream output, CancellationToken cancellationToken)
    {
        var name = ModelStore.ParseName(model);
        var stored = store.Manifests.Find(name) ?? throw new ModelNotFoundException(model!.Trim());
        var bytes = stored.ReadManifestBytes();
        var manifest = ManifestValidator.Validate(bytes, int.MaxValue);
        foreach (var blob in manifest.Blobs)
        {
            if (!store.Blobs.Exists(blob.Digest))
            {
                throw CorralException.Internal($"blob {blob.Digest} of the model is missing from the store");
            }
        }

        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await WriteBytesAsync(tar, ModelBundle.NameEntry, Encoding.UTF8.GetBytes(stored.Name.ToString()), cancellationToken).ConfigureAwait(false);
        await WriteBytesAsync(tar, ModelBundle.ManifestEntry, bytes, cancellationToken).ConfigureAwait(false);
        foreach (var blob in manifest.Blobs)
        {
            await using var data = store.Blobs.OpenRead(blob.Digest);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, ModelBundle.BlobEntry(blob.Digest)) { DataStream = data };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteBytesAsync(TarWriter tar, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var data = new MemoryStream(content, writable: false);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data }, cancellationToken).ConfigureAwait(false);
    }
}
