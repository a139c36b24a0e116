using System.CommandLine;
using Corral.Api.Models;

namespace Corral.Cli.Commands;

/// <summary><c>corral cp SOURCE DESTINATION</c>.</summary>
internal static class CopyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cp", "Copy a model");
        var source = new Argument<string>("SOURCE");
        var destination = new Argument<string>("DESTINATION");
        command.Arguments.Add(source);
        command.Arguments.Add(destination);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var (from, to) = (parseResult.GetValue(source)!, parseResult.GetValue(destination)!);
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await client.CopyAsync(new CopyRequest { Source = from, Destination = to }, cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteLineAsync($"copied '{from}' to '{to}'").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
