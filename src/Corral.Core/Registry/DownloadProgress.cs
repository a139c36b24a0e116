namespace Corral.Core.Registry;

/// <summary>Live progress of one blob download, shared by every pull waiting on it.</summary>
public sealed class DownloadProgress(long total)
{
    private long _completed;

    /// <summary>Blob size.</summary>
    public long Total { get; } = total;

    /// <summary>Bytes on disk so far (resumed bytes included).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Adds freshly written bytes.</summary>
    public void Add(long bytes) => Interlocked.Add(ref _completed, bytes);

    /// <summary>Sets the count (when resuming).</summary>
    public void Set(long bytes) => Interlocked.Exchange(ref _completed, bytes);
}

/// <summary>Process-wide transfer counters (what actually crossed the network), for metrics and tests.</summary>
public sealed class RegistryStatistics
{
    private long _downloaded;
    private long _uploaded;

    /// <summary>Blob bytes received from registries.</summary>
    public long BytesDownloaded => Interlocked.Read(ref _downloaded);

    /// <summary>Blob bytes sent to registries.</summary>
    public long BytesUploaded => Interlocked.Read(ref _uploaded);

    internal void Downloaded(long bytes) => Interlocked.Add(ref _downloaded, bytes);

    internal void Uploaded(long bytes) => Interlocked.Add(ref _uploaded, bytes);
}
