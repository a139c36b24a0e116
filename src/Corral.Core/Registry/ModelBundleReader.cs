using System.Formats.Tar;
using System.Text;
using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// Imports a <see cref="ModelBundle"/> tar. Every entry is checked before it is used: only regular files named
/// <c>name</c>, <c>manifest.json</c> or <c>blobs/sha256-&lt;64 hex&gt;</c> (no <c>..</c>, absolute paths, links or
/// devices); each blob must be listed in the manifest with the same size and is hashed while stored. The manifest is
/// installed last, and blobs this import added are removed again when it fails.
/// </summary>
public sealed class ModelBundleReader(ModelStore store)
{
    private const int MaxNameBytes = 1024;
    private const int MaxManifestBytes = 4 << 20;

    /// <summary>Imports the bundle; <paramref name="rename"/> overrides the name stored in it.</summary>
    public async Task<ModelName> ImportAsync(Stream input, string? rename, CancellationToken cancellationToken)
    {
        var written = new List<Digest>();
        try
        {
            return await ImportCoreAsync(input, rename, written, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            written.ForEach(store.Blobs.Delete);
            throw;
        }
    }

    private async Task<ModelName> ImportCoreAsync(Stream input, string? rename, List<Digest> written, CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(input, leaveOpen: true);
        string? storedName = null;
        ValidatedManifest? manifest = null;
        var seen = new HashSet<Digest>();
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            Check(entry);
            if (entry.Name == ModelBundle.NameEntry && storedName is null)
            {
                storedName = Encoding.UTF8.GetString(await ReadSmallAsync(entry, MaxNameBytes, cancellationToken).ConfigureAwait(false));
            }
            else if (entry.Name == ModelBundle.ManifestEntry && manifest is null)
            {
                manifest = ManifestValidator.Validate(await ReadSmallAsync(entry, MaxManifestBytes, cancellationToken).ConfigureAwait(false), 4096);
            }
            else if (ModelBundle.ParseBlobEntry(entry.Name) is { } digest && manifest is not null && seen.Add(digest))
            {
                var blob = manifest.Blobs.FirstOrDefault(b => b.Digest == digest)
                    ?? throw Refused(entry.Name, "is not listed in the manifest");
                if (entry.Length != blob.Size)
                {
                    throw Refused(entry.Name, "has a different size than the manifest declares");
                }

                if (!store.Blobs.Exists(digest))
                {
                    await store.Blobs.WriteAsync(entry.DataStream ?? Stream.Null, digest, cancellationToken).ConfigureAwait(false);
                    written.Add(digest);
                }
            }
            else
            {
                throw Refused(entry.Name, "is not expected here");
            }
        }

        if (manifest is null)
        {
            throw RegistryException.Refused("the bundle has no manifest.json");
        }

        var name = ModelStore.ParseName(rename ?? storedName);
        if (manifest.Blobs.FirstOrDefault(b => !store.Blobs.Exists(b.Digest)) is { } missing)
        {
            throw RegistryException.Refused($"the bundle lacks blob {missing.Digest}");
        }

        store.WriteManifestBytes(name, manifest.Bytes);
        return name;
    }

    private static void Check(TarEntry entry)
    {
        var name = entry.Name;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal) || name.Contains('\\')
            || name.Contains('\0') || name.Contains(':'))
        {
            throw Refused(name, "has an unsafe path");
        }

        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw Refused(name, $"is a {entry.EntryType}, not a regular file");
        }
    }

    private static async Task<byte[]> ReadSmallAsync(TarEntry entry, int limit, CancellationToken cancellationToken)
    {
        if (entry.Length > limit || entry.DataStream is null)
        {
            throw Refused(entry.Name, "is too large or empty");
        }

        var buffer = new byte[entry.Length];
        await entry.DataStream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static RegistryException Refused(string entryName, string why)
    {
        var shown = new string(entryName.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return RegistryException.Refused($"bundle entry '{shown}' {why}");
    }
}
