using Microsoft.Data.Sqlite;

namespace Corral.Routing.Log;

/// <summary>The log database's schema, versioned by <c>PRAGMA user_version</c>: each migration moves the file one
/// version up inside one transaction, so an old file is upgraded in place and a half-applied upgrade never stays.</summary>
internal static class RouterLogSchema
{
    /// <summary>Migration <c>i</c> takes a database from version <c>i</c> to <c>i + 1</c>. Append only: never edit a
    /// shipped step (add columns with <c>ALTER TABLE ... ADD COLUMN</c> in a new one).</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            timestamp TEXT NOT NULL,
            request_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            pair_id TEXT,
            route TEXT NOT NULL,
            reason TEXT NOT NULL,
            protocol TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            served INTEGER NOT NULL,
            error_class TEXT,
            status INTEGER,
            error TEXT,
            tokens_in INTEGER,
            tokens_out INTEGER,
            tokens_cached INTEGER,
            time_to_first_token_ms REAL,
            duration_ms REAL NOT NULL,
            cost_usd TEXT,
            cost_avoided_usd TEXT,
            finish_reason TEXT,
            schema_ok INTEGER,
            prompt_hash TEXT,
            output_hash TEXT,
            prompt TEXT,
            output TEXT
        );
        CREATE INDEX ix_attempts_timestamp ON attempts (timestamp);
        CREATE INDEX ix_attempts_request_id ON attempts (request_id);
        CREATE INDEX ix_attempts_pair_id ON attempts (pair_id) WHERE pair_id IS NOT NULL;
        CREATE INDEX ix_attempts_route ON attempts (route, timestamp);
        """,
        """
        ALTER TABLE attempts ADD COLUMN task TEXT;
        """,
    ];

    /// <summary>The version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Sets WAL mode and applies the migrations the file lacks.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer Corral.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        var version = UserVersion(connection);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"router log {connection.DataSource} has schema version {version}; this Corral knows up to {CurrentVersion}");
        }

        for (; version < CurrentVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
