using Corral.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Corral.Routing.Configuration;

/// <summary>
/// The routes file, live. <see cref="Current"/> is swapped whole on every good reload: a reader takes it once per call
/// and sees one consistent config. The file's directory is watched (editors that save by writing a temporary file and
/// renaming it over the original, or by deleting and recreating it, are seen), events are debounced, and
/// <see cref="Reload"/> reloads on demand (e.g. after a key file changed). A reload that fails keeps the last good
/// config, logs the problems and exposes them as <see cref="LastError"/>; only start-up throws.
/// </summary>
public sealed class RouterConfigSource : IDisposable
{
    /// <summary>Quiet time after the last file event before the file is read.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    private readonly Func<string, string?> environment;
    private readonly ILogger logger;
    private readonly TimeSpan debounce;
    private readonly FileSystemWatcher watcher;
    private readonly ITimer timer;
    private readonly Lock reloadLock = new();
    private readonly string fileName;
    private RouterConfig current;
    private RoutesFileException? lastError;
    private int disposed;

    /// <summary>Loads <paramref name="path"/> and starts watching it.</summary>
    /// <exception cref="RoutesFileException">The file is missing or invalid: the server must not start.</exception>
    public RouterConfigSource(string path, Func<string, string?> environment, ILogger<RouterConfigSource>? logger = null, TimeProvider? timeProvider = null, TimeSpan? debounce = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(environment);
        Path = path;
        this.environment = environment;
        this.logger = logger ?? NullLogger<RouterConfigSource>.Instance;
        this.debounce = debounce ?? DefaultDebounce;
        current = RoutesFile.Load(path, environment);

        var full = System.IO.Path.GetFullPath(path);
        fileName = System.IO.Path.GetFileName(full);
        timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => OnDebounced(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(full)!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        watcher.Changed += OnFileEvent;
        watcher.Created += OnFileEvent;
        watcher.Deleted += OnFileEvent;
        watcher.Renamed += OnRenamed;
        watcher.Error += (_, _) => Schedule();
        watcher.EnableRaisingEvents = true;
        this.logger.LogInformation("Routes from {Path}: {Routes} route(s), {Providers} provider(s)", path, current.Routes.Count, current.Providers.Count);
    }

    /// <summary>The routes file named by <c>CORRAL_ROUTES</c>, or null when it is unset (no routes).</summary>
    /// <exception cref="RoutesFileException">The file is missing or invalid.</exception>
    public static RouterConfigSource? FromEnvironment(Func<string, string?> environment, ILogger<RouterConfigSource>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return EnvironmentVariables.Routes.Read(environment) is { } path ? new RouterConfigSource(path, environment, logger, timeProvider) : null;
    }

    /// <summary>The routes file's path as given.</summary>
    public string Path { get; }

    /// <summary>The last good config; take it once per call.</summary>
    public RouterConfig Current => Volatile.Read(ref current);

    /// <summary>Why the latest reload failed; null once the file on disk is the one in use again.</summary>
    public RoutesFileException? LastError => Volatile.Read(ref lastError);

    /// <summary>After a good reload, with the new config (already <see cref="Current"/>).</summary>
    public event EventHandler<RouterConfig>? Changed;

    /// <summary>After a failed reload, with the problems (already <see cref="LastError"/>); <see cref="Current"/> is unchanged.</summary>
    public event EventHandler<RoutesFileException>? ReloadFailed;

    /// <summary>Reads the file now. True when the new config is in use; false when it was invalid (the last good
    /// one stays, <see cref="LastError"/> says why).</summary>
    public bool Reload()
    {
        RouterConfig config;
        lock (reloadLock)
        {
            try
            {
                config = RoutesFile.Load(Path, environment);
            }
            catch (RoutesFileException e)
            {
                Volatile.Write(ref lastError, e);
                logger.LogError("Routes file {Path} is invalid; keeping the last good routes:\n{Errors}", Path, e.Message);
                Raise(ReloadFailed, e, nameof(ReloadFailed));
                return false;
            }

            Volatile.Write(ref current, config);
            Volatile.Write(ref lastError, null);
        }

        logger.LogInformation("Routes reloaded from {Path}: {Routes} route(s), {Providers} provider(s)", Path, config.Routes.Count, config.Providers.Count);
        Raise(Changed, config, nameof(Changed));
        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        timer.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (IsOurs(e.Name))
        {
            Schedule();
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (IsOurs(e.Name) || IsOurs(e.OldName))
        {
            Schedule();
        }
    }

    private bool IsOurs(string? name) =>
        name is not null && string.Equals(System.IO.Path.GetFileName(name), fileName, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Every event pushes the read back: an editor's write-rename-delete burst becomes one reload.</summary>
    private void Schedule()
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            timer.Change(debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDebounced()
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            Reload();
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args, string name)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception e)
        {
            logger.LogError(e, "A routes {Event} handler failed", name);
        }
    }
}
