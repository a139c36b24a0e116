using System.CommandLine;
using System.Text.Json;
using Corral.Routing.Log;

namespace Corral.Cli.Commands;

/// <summary><c>corral log</c>: the router's call log from the running server. <c>corral log [filters] [--json]</c>
/// lists attempts newest first; <c>log export --format jsonl|csv [-o FILE]</c> streams every matching row;
/// <c>log compare</c> shows shadowed calls side by side; <c>log summary</c> totals per route and provider.</summary>
internal static class LogCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("log", "Show the router's call log (frontier and local attempts, fallbacks, shadows)");
        var filters = new LogFilters();
        filters.AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the records as JSON (the API's {\"records\": [...]})" };
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var query = filters.Read(parseResult, TimeProvider.System.GetUtcNow(), RouterLogQuery.MaxLimit);
            using var client = await ConnectAsync(context, cancellationToken).ConfigureAwait(false);
            var records = await client.RecordsAsync(query, cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(new RouterLogRecords(records), RouterLogJsonContext.Default.RouterLogRecords) + "\n"
                : LogRenderer.Records(records)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        command.Subcommands.Add(CreateExport(context));
        command.Subcommands.Add(CreateCompare(context));
        command.Subcommands.Add(CreateSummary(context));
        return command;
    }

    private static Command CreateExport(CliContext context)
    {
        var command = new Command("export", "Write every matching log record as JSON lines or CSV");
        var filters = new LogFilters();
        filters.AddTo(command);
        var format = new Option<string>("--format", "-f") { Description = "jsonl or csv", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output)" };
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var query = filters.Read(parseResult, TimeProvider.System.GetUtcNow(), int.MaxValue);
            using var client = await ConnectAsync(context, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(output) is not { } file)
            {
                await client.ExportAsync(query, parseResult.GetValue(format)!, context.Console.Out, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var path = Path.GetFullPath(file);
            var temp = path + ".partial";
            await using (var stream = File.Create(temp))
            {
                await client.ExportAsync(query, parseResult.GetValue(format)!, stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
            await context.Console.Error.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command CreateCompare(CliContext context)
    {
        var command = new Command("compare", "Show shadowed calls: the served answer and the shadow's, side by side");
        var filters = new LogFilters();
        filters.AddTo(command, all: false);
        var json = new Option<bool>("--json") { Description = "Print the pairs as JSON (the API's {\"pairs\": [...]})" };
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var query = filters.Read(parseResult, TimeProvider.System.GetUtcNow(), RouterLogQuery.MaxLimit);
            using var client = await ConnectAsync(context, cancellationToken).ConfigureAwait(false);
            var pairs = await client.PairsAsync(query, cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(new RouterLogPairs(pairs), RouterLogJsonContext.Default.RouterLogPairs) + "\n"
                : LogRenderer.Pairs(pairs)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command CreateSummary(CliContext context)
    {
        var command = new Command("summary", "Totals per route and provider: calls, errors, fallbacks, tokens, cost, latency");
        var filters = new LogFilters();
        filters.AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var query = filters.Read(parseResult, TimeProvider.System.GetUtcNow(), int.MaxValue);
            using var client = await ConnectAsync(context, cancellationToken).ConfigureAwait(false);
            var summary = await client.SummaryAsync(query, cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(summary, RouterLogJsonContext.Default.RouterLogSummary) + "\n"
                : LogRenderer.Summary(summary)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<LogClient> ConnectAsync(CliContext context, CancellationToken cancellationToken)
    {
        var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new LogClient(client.BaseAddress);
    }
}
