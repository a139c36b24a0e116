using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Corral.Routing.Log;

/// <summary>
/// The router's log in a SQLite file (WAL mode, schema versioned by <c>PRAGMA user_version</c>), optionally mirrored
/// to a JSONL file. <see cref="Append"/> only queues: one background task writes the queue in batches, one
/// transaction per batch. A failed write is logged (once until writes succeed again) and its records are lost; it is
/// never thrown to the router. The queue is bounded (<see cref="SqliteRouterLogOptions.QueueCapacity"/>): when the disk
/// cannot keep up, new records are dropped and counted rather than growing memory.
/// </summary>
public sealed partial class SqliteRouterLog : IRouterLog, IRouterLogReader, IAsyncDisposable
{
    private readonly SqliteRouterLogOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<AttemptRecord> _queue;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly JsonlMirror? _mirror;
    private readonly Task _writer;
    private SqliteConnection? _connection;
    private TaskCompletionSource _progress = NewSignal();
    private long _accepted;
    private long _done;
    private long _written;
    private long _dropped;
    private long _droppedReported;
    private long _rejected;
    private long _rejectedReported;
    private bool _failing;
    private long _lost;
    private int _disposed;

    /// <summary>Opens (creating or upgrading) the database and starts the writer.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or created.</exception>
    /// <exception cref="InvalidOperationException">The file was written by a newer Corral.</exception>
    public SqliteRouterLog(SqliteRouterLogOptions options, ILogger<SqliteRouterLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var path = Path.GetFullPath(options.DatabasePath);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var timeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds));
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = timeout,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = timeout,
        }.ToString();
        _connection = OpenWriter();
        _mirror = options.JsonlPath is { } jsonl ? new JsonlMirror(jsonl, _logger) : null;
        _queue = Channel.CreateBounded<AttemptRecord>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropWrite,
                SingleReader = true,
                SingleWriter = false,
            },
            OnDropped);
        // SQLite calls block (a WAL checkpoint syncs to disk): the writer has a thread of its own rather than holding
        // one of the few thread-pool workers that stream every answer.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _options.DatabasePath;

    /// <summary>Records waiting for the writer (never more than <see cref="SqliteRouterLogOptions.QueueCapacity"/>).</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Records committed to the database since this instance started.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records refused by <see cref="Append"/> because a required member was null.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Records lost to failed writes.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Queues the record; returns at once and never throws. Ignored after disposal; a record with a null
    /// required member (possible only by bypassing <c>required</c>) is refused and counted rather than failing its batch.</summary>
    public void Append(AttemptRecord record)
    {
        if (record?.RequestId is null || record.Route is null || record.Reason is null || record.Protocol is null
            || record.Provider is null || record.Model is null)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        if (!_options.StoreContent && (record.Prompt is not null || record.Output is not null))
        {
            record = record with { Prompt = null, Output = null };
        }

        Interlocked.Increment(ref _accepted);
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Decrement(ref _accepted);
        }
    }

    /// <summary>Completes when every record appended before the call has been written (or its write failed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _accepted);
        while (true)
        {
            var signal = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _done) >= target || _writer.IsCompleted)
            {
                return;
            }

            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking records, writes what is queued, and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _connection?.Dispose();
        _connection = null;
        _mirror?.Dispose();
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            RouterLogSchema.Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void OnDropped(AttemptRecord record)
    {
        Interlocked.Increment(ref _dropped);
        Advance(1);
    }

    private void Advance(int count)
    {
        Interlocked.Add(ref _done, count);
        Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();
    }

    private void WriteLoop()
    {
        var batch = new List<AttemptRecord>(_options.BatchSize);
        var reader = _queue.Reader;
        while (WaitToRead(reader))
        {
            batch.Clear();
            while (batch.Count < _options.BatchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            WriteBatch(batch);
            _mirror?.Write(batch);
            ReportDrops();
            Advance(batch.Count);
        }

        ReportDrops();
    }

    /// <summary>Blocks this (dedicated) thread until a record is queued; false once the queue is completed and empty.</summary>
    private static bool WaitToRead(ChannelReader<AttemptRecord> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void WriteBatch(List<AttemptRecord> batch)
    {
        try
        {
            _connection ??= OpenWriter();
            using (var transaction = _connection.BeginTransaction())
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = AttemptColumns.InsertSql;
                var parameters = AttemptColumns.AddParameters(command);
                foreach (var record in batch)
                {
                    AttemptColumns.Bind(parameters, record);
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            Interlocked.Add(ref _written, batch.Count);
            if (_failing)
            {
                RouterLogMessages.DatabaseRecovered(_logger, _options.DatabasePath, Interlocked.Read(ref _lost));
                _failing = false;
            }
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _lost, batch.Count);
            if (!_failing)
            {
                RouterLogMessages.DatabaseWriteFailed(_logger, _options.DatabasePath, e);
                _failing = true;
            }

            // Reopen on the next batch: the connection may be what broke.
            _connection?.Dispose();
            _connection = null;
        }
    }

    private void ReportDrops()
    {
        var dropped = Interlocked.Read(ref _dropped);
        if (dropped != _droppedReported)
        {
            _droppedReported = dropped;
            RouterLogMessages.QueueFull(_logger, _options.QueueCapacity, dropped);
        }

        var rejected = Interlocked.Read(ref _rejected);
        if (rejected != _rejectedReported)
        {
            _rejectedReported = rejected;
            RouterLogMessages.Rejected(_logger, rejected);
        }
    }
}
