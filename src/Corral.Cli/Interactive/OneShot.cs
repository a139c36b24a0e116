using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Interactive;

/// <summary>Non-interactive <c>run</c>: one <c>/api/generate</c> call streamed to stdout, Ctrl+C exits 130.</summary>
internal static class OneShot
{
    public static async Task<int> RunAsync(CliContext context, CorralClient client, RunSession session, string prompt, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var request = new GenerateRequest
        {
            Model = session.Model,
            Prompt = prompt,
            Format = session.Format,
            Options = session.Options.Count > 0 ? new(session.Options) : null,
            KeepAlive = session.KeepAlive,
            Think = session.Think,
        };

        StreamResult result;
        using (var operation = console.BeginInterruptible(cancellationToken))
        {
            try
            {
                var streamer = new ResponseStreamer(console, session.WordWrap, session.HideThinking);
                result = await streamer.StreamAsync(ResponseStreamer.FromGenerate(client.GenerateAsync(request, operation.Token)), operation.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                return 130;
            }
        }

        if (prompt.Length > 0)
        {
            await console.Out.WriteAsync(console.OutputIsTerminal ? "\n\n" : "\n").ConfigureAwait(false);
        }

        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.Final is { } metrics)
        {
            if (MetricsRenderer.TruncationWarning(metrics) is { } warning)
            {
                await console.Error.WriteLineAsync(warning).ConfigureAwait(false);
            }

            if (session.Verbose)
            {
                await console.Error.WriteAsync(MetricsRenderer.Summary(metrics)).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>Shows the model's seed MESSAGEs before the first prompt, as Ollama does.</summary>
    public static async Task ReplayAsync(CliContext context, RunSession session)
    {
        var output = context.Console.Out;
        foreach (var message in session.LoadedMessages)
        {
            if (message.Role == "user")
            {
                await output.WriteLineAsync(">>> " + message.Content).ConfigureAwait(false);
            }
            else if (message.Role == "assistant")
            {
                var wrapper = new WordWrapper(output, session.WordWrap && context.Console.OutputIsTerminal, context.Console.TerminalWidth());
                wrapper.Write(message.Content);
                await output.WriteAsync("\n\n").ConfigureAwait(false);
            }
        }
    }
}
