using Corral.Api;

namespace Corral.Core.Registry;

/// <summary>
/// Makes concurrent pulls that need the same blob share one download. The download runs while at least one pull
/// waits for it; when the last waiter cancels, it is cancelled too (its parts stay on disk for a later resume).
/// </summary>
public sealed class DownloadCoordinator(BlobDownloader downloader)
{
    private readonly Dictionary<Digest, SharedDownload> _active = [];
    private readonly Lock _lock = new();

    /// <summary>Joins (or starts) the download of <paramref name="blob"/>; dispose the lease when done waiting.</summary>
    public DownloadLease Join(RegistryEndpoint endpoint, RemoteBlob blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        lock (_lock)
        {
            if (!_active.TryGetValue(blob.Digest, out var shared) || shared.IsAbandoned)
            {
                var previous = shared?.Task ?? Task.CompletedTask;
                shared = new SharedDownload(blob.Size);
                shared.Start(previous, token => downloader.DownloadAsync(endpoint, blob, shared.Progress, token));
                _active[blob.Digest] = shared;
                var started = shared;
                _ = started.Task.ContinueWith(_ => Remove(blob.Digest, started), TaskScheduler.Default);
            }

            shared.Waiters++;
            return new DownloadLease(shared, this);
        }
    }

    internal void Leave(SharedDownload shared)
    {
        lock (_lock)
        {
            if (--shared.Waiters == 0 && !shared.Task.IsCompleted)
            {
                shared.Abandon();
            }
        }
    }

    private void Remove(Digest digest, SharedDownload shared)
    {
        lock (_lock)
        {
            if (_active.TryGetValue(digest, out var current) && current == shared)
            {
                _active.Remove(digest);
            }
        }
    }
}

/// <summary>One running download and how many pulls wait for it.</summary>
internal sealed class SharedDownload(long total)
{
    private readonly CancellationTokenSource _cancel = new();

    public DownloadProgress Progress { get; } = new(total);

    public Task Task { get; private set; } = Task.CompletedTask;

    public int Waiters { get; set; }

    public bool IsAbandoned => _cancel.IsCancellationRequested;

    public void Start(Task previous, Func<CancellationToken, Task> download) =>
        Task = Task.Run(async () =>
        {
            // A cancelled download of the same blob may still hold its partial file: let it finish first.
            await previous.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await download(_cancel.Token).ConfigureAwait(false);
        });

    public void Abandon() => _cancel.Cancel();
}

/// <summary>A pull's hold on a shared download.</summary>
public sealed class DownloadLease : IDisposable
{
    private readonly SharedDownload _shared;
    private readonly DownloadCoordinator _owner;
    private int _disposed;

    internal DownloadLease(SharedDownload shared, DownloadCoordinator owner)
    {
        _shared = shared;
        _owner = owner;
    }

    /// <summary>Live progress of the download.</summary>
    public DownloadProgress Progress => _shared.Progress;

    /// <summary>The download itself (completes when the blob is in the store).</summary>
    public Task Completion => _shared.Task;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Leave(_shared);
        }
    }
}
