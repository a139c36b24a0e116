using System.CommandLine;
using System.CommandLine.Help;
using Corral.Cli.Commands;

namespace Corral.Cli;

/// <summary>
/// The <c>corral</c> command line, runnable in-process: every command reads and writes only the
/// <see cref="CliConsole"/> it is given and returns an exit code (0 ok, 1 error, 130 interrupted).
/// </summary>
public static class CliApp
{
    /// <summary>Runs the CLI with redirected streams (no terminal features) and the process environment.</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new CliConsole(stdin, stdout, stderr), cancellationToken);

    /// <summary>Runs the CLI against a console (set <see cref="CliConsole.InputIsTerminal"/> to drive the REPL through a pipe).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        using var context = new CliContext(console);
        var root = BuildRoot(context);
        var parseResult = root.Parse(NormalizeArguments(args));
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            var code = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
    }

    /// <summary>
    /// Rewrites a bare <c>--think</c> to <c>--think=true</c> so it never swallows the next argument
    /// (Ollama's flag takes a value only as <c>--think=high</c>).
    /// </summary>
    internal static string[] NormalizeArguments(string[] args)
    {
        var result = new string[args.Length];
        var passthrough = false;
        for (var i = 0; i < args.Length; i++)
        {
            passthrough |= args[i] == "--";
            result[i] = !passthrough && args[i] == "--think" ? "--think=true" : args[i];
        }

        return result;
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Corral: run large language models locally (Ollama-compatible)");
        foreach (var option in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(option);
        }

        var version = new Option<bool>("--version", "-v") { Description = "Show version information" };
        root.Options.Add(version);
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(CreateCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(StopCommand.Create(context));
        root.Subcommands.Add(PullCommand.Create(context));
        root.Subcommands.Add(PushCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(PsCommand.Create(context));
        root.Subcommands.Add(CopyCommand.Create(context));
        root.Subcommands.Add(RemoveCommand.Create(context));
        root.Subcommands.Add(TemplateCommand.Create(context));
        root.Subcommands.Add(LogCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        EnvironmentHelpAction? help = null;
        foreach (var helpOption in root.Options.OfType<HelpOption>())
        {
            if (helpOption.Action is HelpAction inner)
            {
                help = new EnvironmentHelpAction(inner);
                helpOption.Action = help;
            }
        }

        root.SetAction((parseResult, cancellationToken) => parseResult.GetValue(version)
            ? VersionCommand.RunAsync(context, cancellationToken)
            : Task.FromResult(help?.Invoke(parseResult) ?? 0));

        return root;
    }
}
