using Corral.Api;

namespace Corral.Core.Registry;

/// <summary>
/// The export bundle: a tar with <c>name</c> (the model's full name), <c>manifest.json</c> (exact manifest bytes) and
/// <c>blobs/sha256-&lt;hex&gt;</c> per blob, in that order. Nothing else is accepted on import.
/// </summary>
public static class ModelBundle
{
    /// <summary>Entry holding the model name.</summary>
    public const string NameEntry = "name";

    /// <summary>Entry holding the manifest.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>Folder of blob entries.</summary>
    public const string BlobPrefix = "blobs/";

    /// <summary>Entry name of a blob.</summary>
    public static string BlobEntry(Digest digest) => BlobPrefix + digest.BlobFileName;

    /// <summary>The digest a blob entry names, or null when the name is anything but <c>blobs/sha256-&lt;64 hex&gt;</c>.</summary>
    public static Digest? ParseBlobEntry(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        return entryName.StartsWith(BlobPrefix, StringComparison.Ordinal)
            && entryName[BlobPrefix.Length..].StartsWith("sha256-", StringComparison.Ordinal)
            && Digest.TryParse(entryName[BlobPrefix.Length..], out var digest) ? digest : null;
    }
}
