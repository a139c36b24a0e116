using Corral.Routing.Configuration;

namespace Corral.Routing.Log;

/// <summary>Where and how <see cref="SqliteRouterLog"/> writes.</summary>
public sealed record SqliteRouterLogOptions
{
    /// <summary>The SQLite database file (created with its directory when missing).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Also append every record as one JSON line to this file (same field names as the JSON API); null = none.</summary>
    public string? JsonlPath { get; init; }

    /// <summary>Most records written in one transaction.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Most records waiting for the writer. When the disk cannot keep up, further records are dropped (and
    /// counted in the log) rather than growing memory or blocking the caller.</summary>
    public int QueueCapacity { get; init; } = 65_536;

    /// <summary>Whether prompt and answer texts are kept; false (the routes file's <c>content: hash</c>) blanks
    /// <see cref="AttemptRecord.Prompt"/> and <see cref="AttemptRecord.Output"/> before anything is written, whatever
    /// the caller set, so only their hashes reach the disk.</summary>
    public bool StoreContent { get; init; } = true;

    /// <summary>How long a write waits on a database locked by another process before the batch counts as failed.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Options from the routes file's <c>log:</c> section; <paramref name="defaultDatabasePath"/> is used when it
    /// names no file (the server passes <c>router.db</c> beside the models directory).</summary>
    public static SqliteRouterLogOptions FromConfig(LogConfig config, string defaultDatabasePath)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SqliteRouterLogOptions
        {
            DatabasePath = config.Path ?? defaultDatabasePath,
            JsonlPath = config.Jsonl,
            StoreContent = config.Content == LogContent.Full,
        };
    }
}
