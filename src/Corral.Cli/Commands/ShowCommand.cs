using System.CommandLine;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary><c>corral show MODEL</c> with <c>--license|--modelfile|--parameters|--template|--system</c> and <c>-v</c>.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("show", "Show information for a model");
        var model = new Argument<string>("MODEL");
        var license = new Option<bool>("--license") { Description = "Show license of a model" };
        var modelfile = new Option<bool>("--modelfile") { Description = "Show Modelfile of a model" };
        var parameters = new Option<bool>("--parameters") { Description = "Show parameters of a model" };
        var template = new Option<bool>("--template") { Description = "Show template of a model" };
        var system = new Option<bool>("--system") { Description = "Show system message of a model" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show detailed model information" };
        command.Arguments.Add(model);
        foreach (var option in new[] { license, modelfile, parameters, template, system, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var selected = new[] { license, modelfile, parameters, system, template }.Where(o => parseResult.GetValue(o)).ToList();
            if (selected.Count > 1)
            {
                throw new CliException("only one of '--license', '--modelfile', '--parameters', '--system', or '--template' can be specified");
            }

            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var isVerbose = parseResult.GetValue(verbose);
            var show = await client.ShowAsync(new ShowRequest { Model = parseResult.GetValue(model), Verbose = isVerbose }, cancellationToken)
                .ConfigureAwait(false);
            var output = context.Console.Out;
            var text = selected.Count == 0 ? ShowRenderer.Render(show, isVerbose)
                : selected[0] == license ? show.License + "\n"
                : selected[0] == modelfile ? show.Modelfile + "\n"
                : selected[0] == parameters ? show.Parameters + "\n"
                : selected[0] == system ? show.System
                : show.Template;
            await output.WriteAsync(text ?? "").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
