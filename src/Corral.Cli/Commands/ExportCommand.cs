using System.CommandLine;
using System.Text;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Api.Serialization;

namespace Corral.Cli.Commands;

/// <summary><c>corral export MODEL -o FILE</c>: writes the model (manifest + blobs) as one tar bundle.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Export a model to a tar bundle for offline transfer");
        var model = new Argument<string>("MODEL");
        var output = new Option<string>("--output", "-o") { Description = "Bundle file to write", Required = true };
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            var body = JsonSerializer.Serialize(new ShowRequest { Model = parseResult.GetValue(model) }, ApiJsonContext.Default.ShowRequest);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/export") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(await BundleErrors.MessageAsync(response, cancellationToken).ConfigureAwait(false));
            }

            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            var temp = path + ".partial";
            await using (var file = File.Create(temp))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
            await context.Console.Out.WriteLineAsync($"exported {parseResult.GetValue(model)} to {path}").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}

/// <summary>Reads <c>{"error": "..."}</c> from a failed bundle request.</summary>
internal static class BundleErrors
{
    public static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("error").GetString() ?? text;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }
}
