using System.CommandLine;
using Corral.Server;

namespace Corral.Cli.Commands;

/// <summary><c>corral serve</c> (alias <c>start</c>): hosts the server in this process until Ctrl+C / SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("serve", "Start the Corral server");
        command.Aliases.Add("start");
        command.SetAction((_, cancellationToken) => context.GuardAsync(async () =>
        {
            try
            {
                await CorralServer.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        }, CancellationToken.None));
        return command;
    }
}
