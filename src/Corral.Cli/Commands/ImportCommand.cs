using System.CommandLine;
using System.Text.Json;

namespace Corral.Cli.Commands;

/// <summary><c>corral import FILE [--name NAME]</c>: installs a model from an export bundle (verified by the server).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Import a model from a tar bundle made by 'corral export'");
        var file = new Argument<string>("FILE");
        var name = new Option<string?>("--name") { Description = "Install under this name instead of the bundle's" };
        command.Arguments.Add(file);
        command.Options.Add(name);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            await using var bundle = File.OpenRead(parseResult.GetValue(file)!);
            var query = parseResult.GetValue(name) is { Length: > 0 } rename ? "?name=" + Uri.EscapeDataString(rename) : "";
            using var content = new StreamContent(bundle, 1 << 20);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
            using var response = await http.PostAsync("/api/import" + query, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(await BundleErrors.MessageAsync(response, cancellationToken).ConfigureAwait(false));
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            await context.Console.Out.WriteLineAsync($"imported {document.RootElement.GetProperty("model").GetString()}").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
