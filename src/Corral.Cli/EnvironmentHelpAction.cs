using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

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

/// <summary>The environment variables documented in each command's help.</summary>
internal static class EnvironmentDocs
{
    private static readonly (string, string)[] Host =
    [
        ("CORRAL_HOST / OLLAMA_HOST", "IP address and port of the Corral server (default 127.0.0.1:11434)"),
    ];

    private static readonly (string, string)[] Server =
    [
        ("CORRAL_HOST / OLLAMA_HOST", "Address to listen on (default 127.0.0.1:11434)"),
        ("CORRAL_MODELS / OLLAMA_MODELS", "Path to the models directory (default ~/.ollama/models)"),
        ("CORRAL_KEEP_ALIVE / OLLAMA_KEEP_ALIVE", "How long models stay loaded after a request (default 5m)"),
        ("CORRAL_CONTEXT_LENGTH / OLLAMA_CONTEXT_LENGTH", "Default context length in tokens (default: by available memory)"),
        ("CORRAL_MAX_LOADED_MODELS", "Maximum number of models loaded at once"),
        ("CORRAL_NUM_PARALLEL", "Requests served in parallel per model (default 1)"),
        ("CORRAL_MAX_QUEUE", "Requests allowed to wait before the server answers 503 (default 512)"),
        ("CORRAL_ORIGINS", "Extra allowed CORS origins, comma separated"),
        ("CORRAL_LLAMA_LIBRARY", "Path of the llama.cpp native library to load"),
    ];

    public static IReadOnlyList<(string Name, string Description)> For(string command) => command switch
    {
        "serve" => Server,
        "run" => [.. Host, ("CORRAL_HOME", "Where an auto-started server writes its log (default ~/.corral)")],
        "create" or "show" or "stop" or "pull" or "list" or "ps" or "cp" or "rm" => Host,
        _ => [],
    };
}
