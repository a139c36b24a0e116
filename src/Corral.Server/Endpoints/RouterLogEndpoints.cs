using System.Text;
using System.Text.Json;
using Corral.Routing.Log;
using Corral.Server.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary>
/// The router's log over HTTP (read only). Needs an <see cref="IRouterLogReader"/> in DI (register the
/// <see cref="SqliteRouterLog"/> singleton as <see cref="IRouterLog"/>, <see cref="IRouterLogReader"/> and itself);
/// without one every endpoint answers 404 <c>{"error":"router is not configured (set CORRAL_ROUTES)"}</c>. Relative
/// times (<c>since=1h</c>) count back from the DI <see cref="TimeProvider"/> (the system clock when none).
/// <list type="bullet">
/// <item><c>GET /api/router/log</c>: <c>{"records":[...]}</c>, newest first; filters <c>route provider model reason
/// error_class errors served request_id pair_id task since until limit</c> (limit default 100, at most 10000).</item>
/// <item><c>GET /api/router/log/pairs</c>: <c>{"pairs":[{"pair_id","route","primary","shadow"}]}</c>, same filters
/// (applied to the primary).</item>
/// <item><c>GET /api/router/log/summary</c>: <c>{"groups":[...]}</c> per route and provider, same filters (no
/// default limit).</item>
/// <item><c>GET /api/router/log/export?format=jsonl|csv</c>: every matching row, streamed (default jsonl; no default
/// limit).</item>
/// </list>
/// A bad parameter is a 400 that names it.
/// </summary>
public static class RouterLogEndpoints
{
    public const string LogPath = "/api/router/log";
    public const string PairsPath = "/api/router/log/pairs";
    public const string SummaryPath = "/api/router/log/summary";
    public const string ExportPath = "/api/router/log/export";
    public const string NotConfiguredMessage = "router is not configured (set CORRAL_ROUTES)";

    private const string FormatKey = "format";
    private static readonly string[] ExportKeys = [FormatKey];
    private static readonly RouterLogJsonContext Json = RouterLogJsonContext.Default;

    public static IEndpointRouteBuilder MapRouterLogApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(LogPath, Handlers.Plain(context => WithQueryAsync(context, RouterLogQuery.MaxLimit, [], async (reader, query) =>
        {
            var records = await reader.QueryAsync(query, context.RequestAborted);
            await Handlers.WriteJsonAsync(context, new RouterLogRecords(records), Json.RouterLogRecords);
        })));

        app.MapGet(PairsPath, Handlers.Plain(context => WithQueryAsync(context, RouterLogQuery.MaxLimit, [], async (reader, query) =>
        {
            var pairs = await reader.ComparePairsAsync(query, context.RequestAborted);
            await Handlers.WriteJsonAsync(context, new RouterLogPairs(pairs), Json.RouterLogPairs);
        })));

        app.MapGet(SummaryPath, Handlers.Plain(context => WithQueryAsync(context, int.MaxValue, [], async (reader, query) =>
        {
            var summary = await reader.SummarizeAsync(query, context.RequestAborted);
            await Handlers.WriteJsonAsync(context, summary, Json.RouterLogSummary);
        })));

        app.MapGet(ExportPath, Handlers.Plain(context => WithQueryAsync(context, int.MaxValue, ExportKeys, async (reader, query) =>
        {
            var format = context.Request.Query[FormatKey];
            if (format.Count > 1 || format.Count == 1 && format[0] is not ("jsonl" or "csv"))
            {
                await NativeErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                    $"query parameter 'format' must be jsonl or csv, not '{string.Join(",", format.ToArray())}'");
                return;
            }

            await ExportAsync(context, reader, query, csv: format.Count == 1 && format[0] == "csv");
        })));

        return app;
    }

    private static async Task WithQueryAsync(
        HttpContext context, int maxLimit, IReadOnlyCollection<string> extraKeys, Func<IRouterLogReader, RouterLogQuery, Task> body)
    {
        if (context.RequestServices.GetService<IRouterLogReader>() is not { } reader)
        {
            await NativeErrors.WriteAsync(context, StatusCodes.Status404NotFound, NotConfiguredMessage);
            return;
        }

        var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var parameters = context.Request.Query.SelectMany(
            pair => pair.Value.Count == 0 ? [new KeyValuePair<string, string?>(pair.Key, "")]
                : pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)));
        if (!RouterLogQueryString.TryParse(parameters, now, maxLimit, out var query, out var error, extraKeys))
        {
            await NativeErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        await body(reader, query);
    }

    private static async Task ExportAsync(HttpContext context, IRouterLogReader reader, RouterLogQuery query, bool csv)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
        response.Headers.ContentDisposition = $"attachment; filename=\"router-log.{(csv ? "csv" : "jsonl")}\"";
        var body = response.Body;
        if (csv)
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(AttemptCsv.Header), cancellationToken);
        }

        var rows = 0;
        await foreach (var record in reader.StreamAsync(query, cancellationToken))
        {
            if (csv)
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(AttemptCsv.Line(record)), cancellationToken);
            }
            else
            {
                await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(record, Json.AttemptRecord), cancellationToken);
                await body.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }

            if (++rows % 256 == 0)
            {
                await body.FlushAsync(cancellationToken);
            }
        }
    }
}
