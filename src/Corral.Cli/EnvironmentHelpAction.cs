using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Corral.Core.Configuration;

namespace Corral.Cli;

/// <summary>Standard help followed by the environment variables the command honours (Ollama lists them too).</summary>
internal sealed class EnvironmentHelpAction(HelpAction inner) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var code = inner.Invoke(parseResult);
        var variables = EnvironmentDocs.For(parseResult.CommandResult.Command.Name);
        if (variables.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Environment Variables:");
            var width = Math.Max(27, variables.Max(v => v.Name.Length));
            foreach (var (name, description) in variables)
            {
                output.WriteLine($"      {name.PadRight(width)}   {description}");
            }

            output.WriteLine();
        }

        return code;
    }
}

/// <summary>The environment variables documented in each command's help. The server's come from the one table the
/// server itself reads (<see cref="EnvironmentVariables"/>), so help can never disagree with behaviour.</summary>
internal static class EnvironmentDocs
{
    private static readonly (string, string)[] Host =
    [
        ("CORRAL_HOST / OLLAMA_HOST", "IP address and port of the Corral server (default 127.0.0.1:11434)"),
    ];

    private static readonly (string, string)[] Server = [.. EnvironmentVariables.All.Select(Describe)];

    public static IReadOnlyList<(string Name, string Description)> For(string command) => command switch
    {
        "serve" => Server,
        "run" => [.. Host, ("CORRAL_HOME", "Where an auto-started server writes its log (default ~/.corral)")],
        "create" or "show" or "stop" or "pull" or "list" or "ps" or "cp" or "rm" => Host,
        _ => [],
    };

    private static (string, string) Describe(EnvironmentVariable variable) => (
        variable.OllamaName is null ? variable.Name : $"{variable.Name} / {variable.OllamaName}",
        string.IsNullOrEmpty(variable.Default) ? variable.Description : $"{variable.Description} (default {variable.Default})");
}
