using System.CommandLine;
using System.Text;
using System.Text.Json;
using Corral.Api;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary><c>corral push MODEL [--insecure]</c>: uploads a model to its registry, with Ollama-style progress bars.</summary>
internal static class PushCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("push", "Push a model to a registry");
        var model = new Argument<string>("MODEL");
        var insecure = new Option<bool>("--insecure") { Description = "Use an insecure registry" };
        command.Arguments.Add(model);
        command.Options.Add(insecure);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            var body = JsonSerializer.Serialize(new PullRequest { Model = parseResult.GetValue(model), Insecure = parseResult.GetValue(insecure) }, ApiJsonContext.Default.PullRequest);
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Push) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var console = context.Console;
            using var progress = new ProgressRenderer(console.Error, console.ErrorIsTerminal, console.TerminalWidth);
            var display = new ProgressDisplay(progress, "pushing");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    progress.Stop();
                    throw new CliException(error.GetString() ?? "push failed");
                }

                display.Apply(document.RootElement.Deserialize(ApiJsonContext.Default.ProgressResponse)!);
            }

            progress.Stop();
            return 0;
        }, cancellationToken));
        return command;
    }
}
