using System.CommandLine;

namespace Corral.Cli.Commands;

/// <summary><c>corral stop MODEL</c>: unloads a model (empty generate with <c>keep_alive: 0</c>).</summary>
internal static class StopCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("stop", "Stop a running model");
        var model = new Argument<string>("MODEL");
        command.Arguments.Add(model);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var name = parseResult.GetValue(model)!;
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ModelLoading.UnloadAsync(context, client, name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ModelLoading.IsNotFound(ex))
            {
                throw new CliException($"couldn't find model \"{name}\" to stop");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
