using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Corral.Routing.Log;

/// <summary>Reading: each call opens its own (pooled) connection, so reads run beside the writer (WAL).</summary>
public sealed partial class SqliteRouterLog
{
    private const string ShadowCondition = "substr({0}.reason, 1, 6) = 'shadow'";

    public async Task<IReadOnlyList<AttemptRecord>> QueryAsync(RouterLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limited = query with { Limit = Math.Clamp(query.Limit ?? RouterLogQuery.DefaultLimit, 1, RouterLogQuery.MaxLimit) };
        var records = new List<AttemptRecord>();
        await foreach (var record in StreamAsync(limited, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    public async IAsyncEnumerable<AttemptRecord> StreamAsync(
        RouterLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT ").Append(AttemptColumns.SelectList).Append(" FROM attempts");
        query.AppendWhere(sql, command);
        sql.Append(" ORDER BY timestamp DESC, id DESC");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT ").Append(Math.Max(0, limit).ToString(CultureInfo.InvariantCulture));
        }

        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return AttemptColumns.Read(reader);
        }
    }

    public async Task<IReadOnlyList<AttemptPair>> ComparePairsAsync(RouterLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit ?? RouterLogQuery.DefaultLimit, 1, RouterLogQuery.MaxLimit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var primaryColumns = string.Join(", ", AttemptColumns.Names.Select(n => "p." + n));
        var shadowColumns = string.Join(", ", AttemptColumns.Names.Select(n => "s." + n));
        var sql = new StringBuilder($"SELECT {primaryColumns}, {shadowColumns} FROM attempts p JOIN attempts s ON s.id = (")
            .Append("SELECT x.id FROM attempts x WHERE x.pair_id = p.pair_id AND ")
            .Append(string.Format(CultureInfo.InvariantCulture, ShadowCondition, "x"))
            .Append(" ORDER BY x.attempt DESC, x.id DESC LIMIT 1)");
        query.AppendWhere(sql, command, "p");
        sql.Append(query.HasFilters ? " AND " : " WHERE ")
            .Append("p.pair_id IS NOT NULL AND p.served = 1 AND NOT ")
            .Append(string.Format(CultureInfo.InvariantCulture, ShadowCondition, "p"))
            .Append(" ORDER BY p.timestamp DESC, p.id DESC LIMIT ")
            .Append(limit.ToString(CultureInfo.InvariantCulture));
        command.CommandText = sql.ToString();
        var pairs = new List<AttemptPair>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var primary = AttemptColumns.Read(reader);
            var shadow = AttemptColumns.Read(reader, AttemptColumns.Names.Length);
            pairs.Add(new AttemptPair { PairId = primary.PairId!, Route = primary.Route, Primary = primary, Shadow = shadow });
        }

        return pairs;
    }

    public async Task<RouterLogSummary> SummarizeAsync(RouterLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var groups = new Dictionary<(string Route, string Provider), RouterLogSummarizer>();
        await foreach (var record in StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var key = (record.Route, record.Provider);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new RouterLogSummarizer(record.Route, record.Provider);
            }

            group.Add(record);
        }

        return new RouterLogSummary(groups.Values
            .OrderBy(g => g.Route, StringComparer.Ordinal)
            .ThenBy(g => g.Provider, StringComparer.Ordinal)
            .Select(g => g.Build())
            .ToList());
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
