using Corral.Routing.Log;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Corral.Routing.Tests.Log;

public sealed class SqliteRouterLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_round_trips_through_the_database_file()
    {
        using var dir = new TempDirectory();
        var full = Records.Full();
        var minimal = Records.Make(requestId: "req-min", at: Records.T0.AddHours(1));
        await using (var log = new SqliteRouterLog(Records.Options(dir)))
        {
            log.Append(full);
            log.Append(minimal);
            await log.FlushAsync(Ct);
        }

        await using var reopened = new SqliteRouterLog(Records.Options(dir));
        var rows = await reopened.QueryAsync(new RouterLogQuery(), Ct);
        Assert.Equal([minimal, full], rows);
        Assert.Equal(0.0000012345678901234567890123m, rows[1].CostUsd);
        Assert.Equal(full.Timestamp.UtcTicks, rows[1].Timestamp.UtcTicks);
        Assert.Equal(TimeSpan.Zero, rows[1].Timestamp.Offset);
    }

    [Fact]
    public async Task Costs_are_stored_as_exact_decimal_text()
    {
        using var dir = new TempDirectory();
        await using (var log = new SqliteRouterLog(Records.Options(dir)))
        {
            log.Append(Records.Make() with { CostUsd = 0.1m + 0.2m, CostAvoidedUsd = 0.000001m });
            await log.FlushAsync(Ct);
        }

        await using var connection = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(cost_usd), cost_usd, cost_avoided_usd FROM attempts";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal("text", reader.GetString(0));
        Assert.Equal("0.3", reader.GetString(1));
        Assert.Equal("0.000001", reader.GetString(2));
    }

    [Fact]
    public async Task A_new_file_gets_wal_mode_the_current_schema_version_and_the_indices()
    {
        using var dir = new TempDirectory();
        await using (var log = new SqliteRouterLog(Records.Options(dir)))
        {
            await log.FlushAsync(Ct);
        }

        await using var connection = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(2L, Scalar(connection, "PRAGMA user_version"));
        var indices = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts' ORDER BY name";
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                indices.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ix_attempts_pair_id", "ix_attempts_request_id", "ix_attempts_route", "ix_attempts_timestamp"], indices);
    }

    [Fact]
    public async Task Reopening_keeps_the_rows_and_a_file_from_a_newer_schema_is_refused()
    {
        using var dir = new TempDirectory();
        await using (var log = new SqliteRouterLog(Records.Options(dir)))
        {
            log.Append(Records.Make());
        }

        await using (var again = new SqliteRouterLog(Records.Options(dir)))
        {
            Assert.Single(await again.QueryAsync(new RouterLogQuery(), Ct));
        }

        await using (var connection = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            Scalar(connection, "PRAGMA user_version = 99");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteRouterLog(Records.Options(dir)));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_1_file_gains_the_task_column_and_keeps_its_rows()
    {
        using var dir = new TempDirectory();
        await using (var connection = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            Scalar(connection, """
                CREATE TABLE attempts (
                    id INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, request_id TEXT NOT NULL, attempt INTEGER NOT NULL,
                    pair_id TEXT, route TEXT NOT NULL, reason TEXT NOT NULL, protocol TEXT NOT NULL, provider TEXT NOT NULL,
                    model TEXT NOT NULL, served INTEGER NOT NULL, error_class TEXT, status INTEGER, error TEXT,
                    tokens_in INTEGER, tokens_out INTEGER, tokens_cached INTEGER, time_to_first_token_ms REAL,
                    duration_ms REAL NOT NULL, cost_usd TEXT, cost_avoided_usd TEXT, finish_reason TEXT, schema_ok INTEGER,
                    prompt_hash TEXT, output_hash TEXT, prompt TEXT, output TEXT);
                CREATE INDEX ix_attempts_timestamp ON attempts (timestamp);
                CREATE INDEX ix_attempts_request_id ON attempts (request_id);
                CREATE INDEX ix_attempts_pair_id ON attempts (pair_id) WHERE pair_id IS NOT NULL;
                CREATE INDEX ix_attempts_route ON attempts (route, timestamp);
                INSERT INTO attempts (timestamp, request_id, attempt, route, reason, protocol, provider, model, served, duration_ms)
                VALUES ('2026-03-01T12:00:00.0000000Z', 'req-old', 1, 'smart', 'primary', 'openai', 'anthropic', 'claude-sonnet-4-5', 1, 100);
                PRAGMA user_version = 1;
                """);
        }

        await using (var log = new SqliteRouterLog(Records.Options(dir)))
        {
            log.Append(Records.Make(requestId: "req-new", at: Records.T0.AddHours(1)) with { Task = "summarize" });
            await log.FlushAsync(Ct);
            var rows = await log.QueryAsync(new RouterLogQuery(), Ct);
            Assert.Equal(["req-new", "req-old"], rows.Select(r => r.RequestId));
            Assert.Equal("summarize", rows[0].Task);
            Assert.Null(rows[1].Task);
            var summarized = await log.QueryAsync(new RouterLogQuery { Task = "summarize" }, Ct);
            Assert.Equal(["req-new"], summarized.Select(r => r.RequestId));
            Assert.Equal(Records.Make() with { RequestId = "req-old" }, rows[1]);
        }

        await using var reopened = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False");
        await reopened.OpenAsync(Ct);
        Assert.Equal(2L, Scalar(reopened, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Dispose_writes_what_is_still_queued()
    {
        using var dir = new TempDirectory();
        var log = new SqliteRouterLog(Records.Options(dir) with { BatchSize = 7 });
        for (var i = 0; i < 500; i++)
        {
            log.Append(Records.Make(requestId: $"req-{i}"));
        }

        await log.DisposeAsync();
        log.Append(Records.Make(requestId: "after-dispose"));

        await using var reopened = new SqliteRouterLog(Records.Options(dir));
        var rows = await reopened.QueryAsync(new RouterLogQuery { Limit = RouterLogQuery.MaxLimit }, Ct);
        Assert.Equal(500, rows.Count);
        Assert.DoesNotContain(rows, r => r.RequestId == "after-dispose");
    }

    [Fact]
    public async Task Ten_thousand_appends_are_all_in_the_database()
    {
        using var dir = new TempDirectory();
        await using var log = new SqliteRouterLog(Records.Options(dir));
        const int count = 10_000;
        for (var i = 0; i < count; i++)
        {
            log.Append(Records.Make(requestId: $"req-{i}", at: Records.T0.AddMilliseconds(i)));
        }

        await log.FlushAsync(Ct);
        Assert.Equal(count, log.Written);
        Assert.Equal(0, log.Dropped);
        Assert.Equal(0, log.Pending);
        var rows = await log.QueryAsync(new RouterLogQuery { Limit = RouterLogQuery.MaxLimit }, Ct);
        Assert.Equal(count, rows.Count);
        Assert.Equal(count, rows.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal($"req-{count - 1}", rows[0].RequestId);
    }

    [Fact]
    public async Task The_queue_stays_flat_when_the_writer_keeps_up()
    {
        using var dir = new TempDirectory();
        await using var log = new SqliteRouterLog(Records.Options(dir) with { QueueCapacity = 2_000 });
        for (var round = 0; round < 12; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                log.Append(Records.Make(requestId: $"req-{round}-{i}"));
            }

            await log.FlushAsync(Ct);
            Assert.Equal(0, log.Pending);
        }

        Assert.Equal(12_000, log.Written);
        Assert.Equal(0, log.Dropped);
    }

    [Fact]
    public async Task The_queue_never_holds_more_than_its_capacity_and_drops_are_counted()
    {
        using var dir = new TempDirectory();
        var logger = new ListLogger();
        await using var log = new SqliteRouterLog(Records.Options(dir) with { QueueCapacity = 50, BatchSize = 10 }, logger);
        var maxPending = 0;
        for (var i = 0; i < 10_000; i++)
        {
            log.Append(Records.Make(requestId: $"req-{i}"));
            maxPending = Math.Max(maxPending, log.Pending);
        }

        await log.FlushAsync(Ct);
        Assert.InRange(maxPending, 0, 50);
        Assert.Equal(10_000, log.Written + log.Dropped);
        var rows = await log.QueryAsync(new RouterLogQuery { Limit = RouterLogQuery.MaxLimit }, Ct);
        Assert.Equal(log.Written, rows.Count);
        Assert.Equal(log.Dropped > 0, logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("queue is full", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_record_is_mirrored_as_one_json_line_with_the_api_field_names()
    {
        using var dir = new TempDirectory();
        var jsonl = Path.Combine(dir.Path, "mirror", "router.jsonl");
        var records = new[] { Records.Full(), Records.Make(requestId: "req-2"), Records.Make(requestId: "req-3", pairId: "p") };
        await using (var log = new SqliteRouterLog(Records.Options(dir, jsonl)))
        {
            foreach (var record in records)
            {
                log.Append(record);
            }

            await log.FlushAsync(Ct);
        }

        var lines = await File.ReadAllLinesAsync(jsonl, Ct);
        Assert.Equal(records.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(records[i], System.Text.Json.JsonSerializer.Deserialize(lines[i], RouterLogJsonContext.Default.AttemptRecord));
        }

        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        var names = first.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("request_id", names);
        Assert.Contains("time_to_first_token_ms", names);
        Assert.Contains("cost_avoided_usd", names);
        Assert.Equal("0.0000012345678901234567890123", first.RootElement.GetProperty("cost_usd").GetRawText());
    }

    [Fact]
    public async Task A_locked_database_is_logged_once_per_burst_never_thrown_and_writing_resumes()
    {
        using var dir = new TempDirectory();
        var logger = new ListLogger();
        await using var log = new SqliteRouterLog(
            Records.Options(dir) with { BatchSize = 1, BusyTimeout = TimeSpan.FromSeconds(1) }, logger);

        await using (var blocker = new SqliteConnection($"Data Source={dir.File("router.db")};Pooling=False"))
        {
            await blocker.OpenAsync(Ct);
            Scalar(blocker, "BEGIN EXCLUSIVE");
            Scalar(blocker, "INSERT INTO attempts (timestamp, request_id, attempt, route, reason, protocol, provider, model, served, duration_ms) " +
                            "VALUES ('2026-01-01T00:00:00.0000000Z', 'blocker', 1, 'r', 'primary', 'openai', 'p', 'm', 1, 1)");
            for (var i = 0; i < 3; i++)
            {
                log.Append(Records.Make(requestId: $"lost-{i}"));
            }

            await log.FlushAsync(Ct);
            Scalar(blocker, "ROLLBACK");
        }

        Assert.Equal(3, log.Lost);
        var errors = logger.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Single(errors);
        Assert.IsType<SqliteException>(errors[0].Error);

        log.Append(Records.Make(requestId: "kept"));
        await log.FlushAsync(Ct);
        var rows = await log.QueryAsync(new RouterLogQuery(), Ct);
        Assert.Equal(["kept"], rows.Select(r => r.RequestId));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("works again", StringComparison.Ordinal));
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task A_mirror_that_cannot_be_written_is_logged_and_the_database_still_gets_the_records()
    {
        using var dir = new TempDirectory();
        var logger = new ListLogger();
        var jsonl = dir.File("is-a-directory");
        Directory.CreateDirectory(jsonl);
        await using var log = new SqliteRouterLog(Records.Options(dir, jsonl) with { BatchSize = 1 }, logger);
        log.Append(Records.Make(requestId: "a"));
        log.Append(Records.Make(requestId: "b"));
        await log.FlushAsync(Ct);

        Assert.Equal(2, (await log.QueryAsync(new RouterLogQuery(), Ct)).Count);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("JSONL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_record_with_a_null_required_member_is_refused_without_costing_its_batch()
    {
        using var dir = new TempDirectory();
        var logger = new ListLogger();
        await using var log = new SqliteRouterLog(Records.Options(dir), logger);
        log.Append(Records.Make(requestId: "good-1"));
        log.Append(Records.Make() with { RequestId = null! });
        log.Append(null!);
        log.Append(Records.Make(requestId: "good-2"));
        await log.FlushAsync(Ct);

        Assert.Equal(2, log.Rejected);
        Assert.Equal(["good-2", "good-1"], (await log.QueryAsync(new RouterLogQuery(), Ct)).Select(r => r.RequestId));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hash_only_content_never_writes_prompt_or_answer_text()
    {
        using var dir = new TempDirectory();
        var jsonl = dir.File("router.jsonl");
        var options = SqliteRouterLogOptions.FromConfig(
            new Corral.Routing.Configuration.LogConfig { Jsonl = jsonl }, dir.File("router.db"));
        Assert.False(options.StoreContent);
        await using (var log = new SqliteRouterLog(options))
        {
            log.Append(Records.Full());
            await log.FlushAsync(Ct);
            var row = Assert.Single(await log.QueryAsync(new RouterLogQuery(), Ct));
            Assert.Equal(Records.Full() with { Prompt = null, Output = null }, row);
        }

        var line = Assert.Single(await File.ReadAllLinesAsync(jsonl, Ct));
        Assert.DoesNotContain("\"output\"", line, StringComparison.Ordinal);
        Assert.Contains("\"output_hash\"", line, StringComparison.Ordinal);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
