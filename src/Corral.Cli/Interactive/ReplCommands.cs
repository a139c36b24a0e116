using System.Globalization;
using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Commands;
using Corral.Cli.Rendering;
using Corral.Modelfile;

namespace Corral.Cli.Interactive;

/// <summary>Executes REPL slash commands with Ollama's wording.</summary>
internal sealed class ReplCommands(CliContext context, CorralClient client, RunSession session, MultilineReader reader)
{
    private TextWriter Out => context.Console.Out;

    private TextWriter Err => context.Console.Error;

    /// <summary>Runs one command; returns false when the REPL should exit.</summary>
    public async Task<bool> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        switch (command.Name)
        {
            case "/bye":
                return false;
            case "/?":
                await Err.WriteAsync(command.Arg(0) switch
                {
                    "set" or "/set" => ReplHelp.Set,
                    "show" or "/show" => ReplHelp.Show,
                    "shortcut" or "shortcuts" => ReplHelp.Shortcuts,
                    _ => ReplHelp.Usage,
                }).ConfigureAwait(false);
                break;
            case "/set":
                await SetAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case "/show":
                await ShowAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case "/clear":
                session.Messages.Clear();
                if (session.System.Length > 0)
                {
                    session.Messages.Add(new Message { Role = "system", Content = session.System });
                }

                await Out.WriteLineAsync("Cleared session context").ConfigureAwait(false);
                break;
            case "/load":
                await LoadAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case "/save":
                await SaveAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case "/list":
                var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
                await Out.WriteAsync(ListCommand.Render(list.Models, command.Arg(0), DateTime.UtcNow)).ConfigureAwait(false);
                break;
            default:
                await Out.WriteLineAsync(SlashCommands.Unknown(command.Name)).ConfigureAwait(false);
                break;
        }

        return true;
    }

    /// <summary>Sets the session system message, replacing a trailing system message in the history.</summary>
    public async Task SetSystemAsync(string text)
    {
        session.System = text;
        var message = new Message { Role = "system", Content = text };
        if (session.Messages.Count > 0 && session.Messages[^1].Role == "system")
        {
            session.Messages[^1] = message;
        }
        else
        {
            session.Messages.Add(message);
        }

        await Out.WriteLineAsync("Set system message.").ConfigureAwait(false);
    }

    /// <summary>
    /// Types a <c>/set parameter</c> value with the Modelfile parameter table: <c>stop</c> takes every value,
    /// other parameters the first. Throws <see cref="ModelParameterException"/> for unknown names or bad values.
    /// </summary>
    public static System.Text.Json.JsonElement TypeParameter(string name, IReadOnlyList<string> values)
    {
        var spec = ModelParameters.Get(name);
        if (spec.Kind == ParameterKind.StringList)
        {
            return JsonValues.Strings(values);
        }

        return JsonValues.Parameter(ModelParameters.Parse(name, values[0]));
    }

    private async Task SetAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        switch (command.Arg(0))
        {
            case null:
                await Err.WriteAsync(ReplHelp.Set).ConfigureAwait(false);
                break;
            case "history" or "nohistory":
                break;
            case "wordwrap" or "nowordwrap":
                session.WordWrap = command.Arg(0) == "wordwrap";
                await Out.WriteLineAsync($"Set '{command.Arg(0)}' mode.").ConfigureAwait(false);
                break;
            case "verbose" or "quiet":
                session.Verbose = command.Arg(0) == "verbose";
                await Out.WriteLineAsync($"Set '{command.Arg(0)}' mode.").ConfigureAwait(false);
                break;
            case "think":
                var level = command.Arg(1);
                session.Think = level is null ? JsonValues.Bool(true) : JsonValues.String(level);
                session.ThinkExplicit = true;
                await WarnIfNoThinkingAsync().ConfigureAwait(false);
                await Out.WriteLineAsync(level is null ? "Set 'think' mode." : $"Set 'think' mode to '{level}'.").ConfigureAwait(false);
                break;
            case "nothink":
                session.Think = JsonValues.Bool(false);
                session.ThinkExplicit = true;
                await WarnIfNoThinkingAsync().ConfigureAwait(false);
                await Out.WriteLineAsync("Set 'nothink' mode.").ConfigureAwait(false);
                break;
            case "format":
                if (command.Arg(1) != "json")
                {
                    await Out.WriteLineAsync("Invalid or missing format. For 'json' mode use '/set format json'").ConfigureAwait(false);
                }
                else
                {
                    session.Format = JsonValues.String("json");
                    await Out.WriteLineAsync("Set format to 'json' mode.").ConfigureAwait(false);
                }

                break;
            case "noformat":
                session.Format = null;
                await Out.WriteLineAsync("Disabled format.").ConfigureAwait(false);
                break;
            case "parameter":
                if (command.Args.Count < 3)
                {
                    await Err.WriteAsync(ReplHelp.Parameters).ConfigureAwait(false);
                    break;
                }

                var values = command.Args.Skip(2).ToList();
                try
                {
                    session.Options[command.Args[1]] = TypeParameter(command.Args[1], values);
                    await Out.WriteLineAsync($"Set parameter '{command.Args[1]}' to '{string.Join(", ", values)}'").ConfigureAwait(false);
                }
                catch (ModelParameterException ex)
                {
                    await Out.WriteLineAsync($"Couldn't set parameter: \"{ex.Reason}\"").ConfigureAwait(false);
                }

                break;
            case "system":
                if (command.Args.Count < 2)
                {
                    await Err.WriteAsync(ReplHelp.Set).ConfigureAwait(false);
                    break;
                }

                if (reader.BeginSystem(command.Rest(1)) is ReplInput.SystemMessage system)
                {
                    await SetSystemAsync(system.Text).ConfigureAwait(false);
                }

                break;
            default:
                await Out.WriteLineAsync(SlashCommands.Unknown("/set " + command.Arg(0))).ConfigureAwait(false);
                break;
        }

        _ = cancellationToken;
    }

    private async Task WarnIfNoThinkingAsync()
    {
        if (!session.Capabilities.Contains("thinking"))
        {
            await Err.WriteLineAsync($"warning: model \"{session.Model}\" does not support thinking output").ConfigureAwait(false);
        }
    }

    private async Task ShowAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (command.Arg(0) is not { } what)
        {
            await Err.WriteAsync(ReplHelp.Show).ConfigureAwait(false);
            return;
        }

        var show = await client.ShowAsync(new ShowRequest
        {
            Model = session.Model,
            System = session.System.Length > 0 ? session.System : null,
            Options = session.Options.Count > 0 ? new(session.Options) : null,
        }, cancellationToken).ConfigureAwait(false);
        switch (what)
        {
            case "info":
                await Err.WriteAsync(ShowRenderer.Render(show, verbose: false)).ConfigureAwait(false);
                break;
            case "license":
                await Out.WriteLineAsync(string.IsNullOrEmpty(show.License) ? "No license was specified for this model." : show.License).ConfigureAwait(false);
                break;
            case "modelfile":
                await Out.WriteLineAsync(show.Modelfile).ConfigureAwait(false);
                break;
            case "parameters":
                await Out.WriteLineAsync("Model defined parameters:").ConfigureAwait(false);
                if (string.IsNullOrEmpty(show.Parameters))
                {
                    await Out.WriteLineAsync("  No additional parameters were specified for this model.").ConfigureAwait(false);
                }
                else
                {
                    foreach (var line in show.Parameters.Split('\n'))
                    {
                        await Out.WriteLineAsync("  " + line).ConfigureAwait(false);
                    }
                }

                await Out.WriteLineAsync().ConfigureAwait(false);
                if (session.Options.Count > 0)
                {
                    await Out.WriteLineAsync("User defined parameters:").ConfigureAwait(false);
                    foreach (var (key, value) in session.Options)
                    {
                        await Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {key,-30} {JsonValues.Display(value)}")).ConfigureAwait(false);
                    }

                    await Out.WriteLineAsync().ConfigureAwait(false);
                }

                break;
            case "system":
                var system = session.System.Length > 0 ? session.System : show.System;
                await Out.WriteLineAsync(string.IsNullOrEmpty(system) ? "No system message was specified for this model." : system + "\n").ConfigureAwait(false);
                break;
            case "template":
                await Out.WriteLineAsync(string.IsNullOrEmpty(show.Template) ? "No prompt template was specified for this model." : show.Template).ConfigureAwait(false);
                break;
            default:
                await Out.WriteLineAsync(SlashCommands.Unknown("/show " + what)).ConfigureAwait(false);
                break;
        }
    }

    private async Task LoadAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (command.Args.Count != 1)
        {
            await Out.WriteLineAsync("Usage:\n  /load <modelname>").ConfigureAwait(false);
            return;
        }

        var name = command.Args[0];
        await Out.WriteLineAsync($"Loading model '{name}'").ConfigureAwait(false);
        try
        {
            var show = await client.ShowAsync(new ShowRequest { Model = name }, cancellationToken).ConfigureAwait(false);
            var previous = session.Model;
            session.Model = name;
            session.Apply(show);
            try
            {
                await ModelLoading.LoadAsync(context, client, name, session.KeepAlive, session.Think, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                session.Model = previous;
                throw;
            }

            session.Messages.Clear();
        }
        catch (Exception ex) when (ModelLoading.IsNotFound(ex))
        {
            await Out.WriteLineAsync($"Couldn't find model '{name}'").ConfigureAwait(false);
        }
        catch (CorralApiException ex)
        {
            await Out.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
        }
    }

    private async Task SaveAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (command.Args.Count != 1)
        {
            await Out.WriteLineAsync("Usage:\n  /save <modelname>").ConfigureAwait(false);
            return;
        }

        var name = command.Args[0];
        try
        {
            await foreach (var _ in client.CreateAsync(session.ToCreateRequest(name), cancellationToken).ConfigureAwait(false))
            {
            }

            await Out.WriteLineAsync($"Created new model '{name}'").ConfigureAwait(false);
        }
        catch (CorralApiException ex) when (ex.Message.Contains("invalid model name", StringComparison.OrdinalIgnoreCase))
        {
            await Out.WriteLineAsync($"error: The model name '{name}' is invalid").ConfigureAwait(false);
        }
        catch (CorralApiException ex)
        {
            await Out.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
        }
    }
}
