using System.CommandLine;
using Corral.Api.Models;

namespace Corral.Cli.Commands;

/// <summary><c>corral rm MODEL...</c>: stops each model, then deletes it (<c>deleted 'x'</c>).</summary>
internal static class RemoveCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rm", "Remove a model");
        var models = new Argument<string[]>("MODEL") { Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(models);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in parseResult.GetValue(models)!)
            {
                try
                {
                    await ModelLoading.UnloadAsync(context, client, name, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (!ModelLoading.IsNotFound(ex))
                    {
                        await context.Console.Error.WriteLineAsync($"Warning: unable to stop model '{name}'").ConfigureAwait(false);
                    }
                }

                await client.DeleteAsync(new DeleteRequest { Model = name }, cancellationToken).ConfigureAwait(false);
                await context.Console.Out.WriteLineAsync($"deleted '{name}'").ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
