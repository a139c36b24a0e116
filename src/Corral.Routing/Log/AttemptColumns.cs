using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Corral.Routing.Log;

/// <summary>How an <see cref="AttemptRecord"/> maps to a row of <c>attempts</c>: column names equal the JSON names;
/// timestamps are fixed-width UTC ISO 8601 text (sorts as time, readable in <c>sqlite3</c>); costs are decimal text
/// (exact, never a float).</summary>
internal static class AttemptColumns
{
    public static readonly string[] Names =
    [
        "timestamp", "request_id", "attempt", "pair_id", "route", "reason", "protocol", "provider", "model", "served",
        "error_class", "status", "error", "tokens_in", "tokens_out", "tokens_cached", "time_to_first_token_ms",
        "duration_ms", "cost_usd", "cost_avoided_usd", "finish_reason", "schema_ok", "prompt_hash", "output_hash",
        "prompt", "output", "task",
    ];

    public static readonly string SelectList = string.Join(", ", Names);

    public static readonly string InsertSql =
        $"INSERT INTO attempts ({SelectList}) VALUES ({string.Join(", ", Names.Select(n => "$" + n))});";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Adds one parameter per column to an insert command (values set by <see cref="Bind"/>).</summary>
    public static SqliteParameter[] AddParameters(SqliteCommand command)
    {
        var parameters = new SqliteParameter[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            parameters[i] = command.Parameters.Add("$" + Names[i], SqliteType.Text);
        }

        return parameters;
    }

    public static void Bind(SqliteParameter[] p, AttemptRecord r)
    {
        p[0].Value = FormatTimestamp(r.Timestamp);
        p[1].Value = r.RequestId;
        p[2].Value = r.Attempt;
        p[3].Value = Db(r.PairId);
        p[4].Value = r.Route;
        p[5].Value = r.Reason;
        p[6].Value = r.Protocol;
        p[7].Value = r.Provider;
        p[8].Value = r.Model;
        p[9].Value = r.Served ? 1 : 0;
        p[10].Value = Db(r.ErrorClass);
        p[11].Value = Db(r.Status);
        p[12].Value = Db(r.Error);
        p[13].Value = Db(r.TokensIn);
        p[14].Value = Db(r.TokensOut);
        p[15].Value = Db(r.TokensCached);
        p[16].Value = Db(r.TimeToFirstTokenMs);
        p[17].Value = r.DurationMs;
        p[18].Value = Db(FormatDecimal(r.CostUsd));
        p[19].Value = Db(FormatDecimal(r.CostAvoidedUsd));
        p[20].Value = Db(r.FinishReason);
        p[21].Value = r.SchemaOk is { } ok ? (ok ? 1 : 0) : DBNull.Value;
        p[22].Value = Db(r.PromptHash);
        p[23].Value = Db(r.OutputHash);
        p[24].Value = Db(r.Prompt);
        p[25].Value = Db(r.Output);
        p[26].Value = Db(r.Task);
        for (var i = 0; i < p.Length; i++)
        {
            p[i].SqliteType = p[i].Value switch
            {
                int or long => SqliteType.Integer,
                double => SqliteType.Real,
                _ => SqliteType.Text,
            };
        }
    }

    /// <summary>Reads a row selected with <see cref="SelectList"/>: its columns in that order from ordinal <paramref name="first"/>.</summary>
    public static AttemptRecord Read(SqliteDataReader row, int first = 0) => new()
    {
        Timestamp = ParseTimestamp(row.GetString(first + 0)),
        RequestId = row.GetString(first + 1),
        Attempt = row.GetInt32(first + 2),
        PairId = String(row, first + 3),
        Route = row.GetString(first + 4),
        Reason = row.GetString(first + 5),
        Protocol = row.GetString(first + 6),
        Provider = row.GetString(first + 7),
        Model = row.GetString(first + 8),
        Served = row.GetInt64(first + 9) != 0,
        ErrorClass = String(row, first + 10),
        Status = Int(row, first + 11),
        Error = String(row, first + 12),
        TokensIn = Int(row, first + 13),
        TokensOut = Int(row, first + 14),
        TokensCached = Int(row, first + 15),
        TimeToFirstTokenMs = row.IsDBNull(first + 16) ? null : row.GetDouble(first + 16),
        DurationMs = row.GetDouble(first + 17),
        CostUsd = Decimal(row, first + 18),
        CostAvoidedUsd = Decimal(row, first + 19),
        FinishReason = String(row, first + 20),
        SchemaOk = row.IsDBNull(first + 21) ? null : row.GetInt64(first + 21) != 0,
        PromptHash = String(row, first + 22),
        OutputHash = String(row, first + 23),
        Prompt = String(row, first + 24),
        Output = String(row, first + 25),
        Task = String(row, first + 26),
    };

    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        new(DateTime.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    private static string? FormatDecimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static object Db(object? value) => value ?? DBNull.Value;

    private static string? String(SqliteDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    private static int? Int(SqliteDataReader row, int i) => row.IsDBNull(i) ? null : row.GetInt32(i);

    private static decimal? Decimal(SqliteDataReader row, int i) =>
        row.IsDBNull(i) ? null : decimal.Parse(row.GetString(i), NumberStyles.Number, CultureInfo.InvariantCulture);
}
