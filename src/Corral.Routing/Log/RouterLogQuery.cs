using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Corral.Routing.Log;

/// <summary>Which log rows to read, newest first. Every filter set must hold (AND); an unset one holds.</summary>
public sealed record RouterLogQuery
{
    /// <summary>Rows returned by a list when <see cref="Limit"/> is not set.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most rows a list returns (exports stream and have no cap).</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The virtual model name, exactly.</summary>
    public string? Route { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    /// <summary>Reasons starting with this text: <c>fallback</c> matches <c>fallback:rate_limited</c>.</summary>
    public string? ReasonPrefix { get; init; }

    /// <summary>Failed attempts of this class (<c>rate_limited</c>, ...).</summary>
    public string? ErrorClass { get; init; }

    /// <summary>Only failed attempts (any class).</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>Only attempts whose answer went to the client.</summary>
    public bool ServedOnly { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The call's task (<c>X-Corral-Task</c> or <c>metadata.task</c>), exactly.</summary>
    public string? Task { get; init; }

    public string? PairId { get; init; }

    /// <summary>Attempts that started at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Attempts that started before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Most rows; null = <see cref="DefaultLimit"/> for lists and pairs, everything for exports.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether any row filter (not the limit) is set.</summary>
    public bool HasFilters => Route is not null || Provider is not null || Model is not null || ReasonPrefix is not null
        || ErrorClass is not null || ErrorsOnly || ServedOnly || RequestId is not null || PairId is not null || Task is not null
        || Since is not null || Until is not null;

    /// <summary>The query as <c>?key=value&amp;...</c> (empty when nothing is set), in the names
    /// <see cref="RouterLogQueryString.TryParse"/> reads; instants as RFC 3339 UTC.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }

        Add(RouterLogQueryString.Route, Route);
        Add(RouterLogQueryString.Provider, Provider);
        Add(RouterLogQueryString.Model, Model);
        Add(RouterLogQueryString.Reason, ReasonPrefix);
        Add(RouterLogQueryString.ErrorClass, ErrorClass);
        Add(RouterLogQueryString.Errors, ErrorsOnly ? "true" : null);
        Add(RouterLogQueryString.Served, ServedOnly ? "true" : null);
        Add(RouterLogQueryString.RequestId, RequestId);
        Add(RouterLogQueryString.PairId, PairId);
        Add(RouterLogQueryString.Task, Task);
        Add(RouterLogQueryString.Since, Since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(RouterLogQueryString.Until, Until?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(RouterLogQueryString.Limit, Limit?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>Appends <c>WHERE ...</c> (or nothing) for the filters, adding their parameters to the command.</summary>
    internal void AppendWhere(StringBuilder sql, SqliteCommand command, string? alias = null)
    {
        var prefix = alias is null ? "" : alias + ".";
        var conditions = new List<string>();
        void Equal(string column, object? value)
        {
            if (value is not null)
            {
                var name = "$w" + conditions.Count.ToString(CultureInfo.InvariantCulture);
                conditions.Add($"{prefix}{column} = {name}");
                command.Parameters.AddWithValue(name, value);
            }
        }

        Equal("route", Route);
        Equal("provider", Provider);
        Equal("model", Model);
        Equal("error_class", ErrorClass);
        Equal("request_id", RequestId);
        Equal("pair_id", PairId);
        Equal("task", Task);
        if (ReasonPrefix is not null)
        {
            conditions.Add($"substr({prefix}reason, 1, length($reason)) = $reason");
            command.Parameters.AddWithValue("$reason", ReasonPrefix);
        }

        if (ErrorsOnly)
        {
            conditions.Add($"{prefix}error_class IS NOT NULL");
        }

        if (ServedOnly)
        {
            conditions.Add($"{prefix}served = 1");
        }

        if (Since is { } since)
        {
            conditions.Add($"{prefix}timestamp >= $since");
            command.Parameters.AddWithValue("$since", AttemptColumns.FormatTimestamp(since));
        }

        if (Until is { } until)
        {
            conditions.Add($"{prefix}timestamp < $until");
            command.Parameters.AddWithValue("$until", AttemptColumns.FormatTimestamp(until));
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
    }
}
