using System.CommandLine;
using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary><c>corral pull MODEL</c>: one progress bar per layer, spinners for status-only steps.</summary>
internal static class PullCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("pull", "Pull a model from a registry");
        var model = new Argument<string>("MODEL");
        var insecure = new Option<bool>("--insecure") { Description = "Use an insecure registry" };
        command.Arguments.Add(model);
        command.Options.Add(insecure);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await PullAsync(context, client, parseResult.GetValue(model)!, parseResult.GetValue(insecure), cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>Pulls with progress on stderr (also used by <c>run</c> when the model is missing).</summary>
    public static async Task PullAsync(CliContext context, CorralClient client, string model, bool insecure, CancellationToken cancellationToken)
    {
        var console = context.Console;
        using var progress = new ProgressRenderer(console.Error, console.ErrorIsTerminal, console.TerminalWidth);
        var display = new ProgressDisplay(progress, "pulling");
        await foreach (var update in client.PullAsync(new PullRequest { Model = model, Insecure = insecure }, cancellationToken).ConfigureAwait(false))
        {
            display.Apply(update);
        }

        progress.Stop();
    }
}
