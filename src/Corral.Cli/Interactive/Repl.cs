using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Interactive;

/// <summary>
/// The interactive chat loop (<c>&gt;&gt;&gt; </c> prompt, <c>... </c> continuation) over <c>/api/chat</c>.
/// Reads lines from the console's input (a terminal or a pipe), so it is fully scriptable.
/// </summary>
internal sealed class Repl
{
    private readonly CliContext _context;
    private readonly CorralClient _client;
    private readonly RunSession _session;
    private readonly MultilineReader _reader = new();
    private readonly ReplCommands _commands;

    public Repl(CliContext context, CorralClient client, RunSession session)
    {
        _context = context;
        _client = client;
        _session = session;
        _commands = new ReplCommands(context, client, session, _reader);
    }

    private CliConsole Console => _context.Console;

    /// <summary>Runs until <c>/bye</c>, <c>/exit</c> or end of input. Returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Console.Out.WriteAsync(_reader.InMultiline ? "... " : ">>> ").ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            string? line;
            using (Console.OnInterrupt(OnIdleInterrupt))
            {
                line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }

            if (line is null)
            {
                await Console.Out.WriteLineAsync().ConfigureAwait(false);
                return 0;
            }

            switch (_reader.Feed(line))
            {
                case ReplInput.Prompt prompt:
                    await SendAsync(prompt.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplInput.SystemMessage system:
                    await _commands.SetSystemAsync(system.Text).ConfigureAwait(false);
                    break;
                case ReplInput.Command command:
                    if (!await _commands.HandleAsync(SlashCommands.Parse(command.Line), cancellationToken).ConfigureAwait(false))
                    {
                        return 0;
                    }

                    break;
            }
        }
    }

    private void OnIdleInterrupt()
    {
        _reader.Reset();
        Console.Out.Write("\nUse Ctrl + d or /bye to exit.\n>>> ");
        Console.Out.Flush();
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var user = new Message { Role = "user", Content = text };
        _session.Messages.Add(user);
        var request = new ChatRequest
        {
            Model = _session.Model,
            Messages = [.. _session.Messages],
            Format = _session.Format,
            Options = _session.Options.Count > 0 ? new(_session.Options) : null,
            Think = _session.Think,
            KeepAlive = _session.KeepAlive,
        };

        StreamResult result;
        using (var operation = Console.BeginInterruptible(cancellationToken))
        {
            try
            {
                var streamer = new ResponseStreamer(Console, _session.WordWrap, _session.HideThinking);
                result = await streamer.StreamAsync(ResponseStreamer.FromChat(_client.ChatAsync(request, operation.Token)), operation.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _session.Messages.Remove(user);
                await Console.Out.WriteLineAsync().ConfigureAwait(false);
                return;
            }
            catch (CorralApiException ex)
            {
                _session.Messages.Remove(user);
                await Console.Error.WriteLineAsync("Error: " + ex.Message).ConfigureAwait(false);
                return;
            }
        }

        _session.Messages.Add(new Message { Role = "assistant", Content = result.Content });
        await Console.Out.WriteAsync("\n\n").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.Final is { } metrics)
        {
            if (MetricsRenderer.TruncationWarning(metrics) is { } warning)
            {
                await Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
            }

            if (_session.Verbose)
            {
                await Console.Error.WriteAsync(MetricsRenderer.Summary(metrics)).ConfigureAwait(false);
            }
        }
    }
}
