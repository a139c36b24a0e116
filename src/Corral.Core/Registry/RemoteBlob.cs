using Corral.Api;

namespace Corral.Core.Registry;

/// <summary>A blob a manifest needs, with its digest already validated (safe to name a file with).</summary>
public sealed record RemoteBlob(Digest Digest, long Size, string MediaType)
{
    /// <summary>The short form shown in progress (<c>pulling 6a0746a1ec1a</c>).</summary>
    public string ShortHex => Digest.Hex[..12];
}

/// <summary>A manifest as received: the exact bytes (written unchanged), the parsed form and its distinct blobs.</summary>
public sealed record ValidatedManifest(byte[] Bytes, Store.Manifest Manifest, IReadOnlyList<RemoteBlob> Blobs)
{
    /// <summary>Sum of the distinct blobs' sizes.</summary>
    public long TotalSize => Blobs.Sum(b => b.Size);
}
