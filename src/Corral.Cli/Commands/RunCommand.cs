using System.CommandLine;
using System.Text.Json;
using Corral.Api;
using Corral.Api.Client;
using Corral.Api.Models;
using Corral.Cli.Interactive;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral run MODEL [PROMPT...]</c>: one-shot over <c>/api/generate</c> when a prompt is given or stdin
/// is piped (piped text is prepended), otherwise the interactive REPL over <c>/api/chat</c>. Set
/// <c>CORRAL_INTERACTIVE=1</c> to get the REPL even with piped stdin (scripted sessions).
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("run", "Run a model");
        var model = new Argument<string>("MODEL");
        var prompt = new Argument<string[]>("PROMPT") { Arity = ArgumentArity.ZeroOrMore };
        var keepAlive = new Option<string?>("--keepalive") { Description = "Duration to keep a model loaded (e.g. 5m)" };
        var verbose = new Option<bool>("--verbose") { Description = "Show timings for response" };
        var insecure = new Option<bool>("--insecure") { Description = "Use an insecure registry" };
        var noWordWrap = new Option<bool>("--nowordwrap") { Description = "Don't wrap words to the next line automatically" };
        var format = new Option<string?>("--format") { Description = "Response format (e.g. json, or a JSON schema)" };
        var think = new Option<string?>("--think") { Description = "Enable thinking mode: true/false or high/medium/low/max for supported models" };
        var hideThinking = new Option<bool>("--hidethinking") { Description = "Hide thinking output (if provided)" };
        command.Arguments.Add(model);
        command.Arguments.Add(prompt);
        foreach (Option option in new Option[] { keepAlive, verbose, insecure, noWordWrap, format, think, hideThinking })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var session = new RunSession
            {
                Model = parseResult.GetValue(model)!,
                Verbose = parseResult.GetValue(verbose),
                WordWrap = !parseResult.GetValue(noWordWrap),
                HideThinking = parseResult.GetValue(hideThinking),
                KeepAlive = ParseKeepAlive(parseResult.GetValue(keepAlive)),
                Format = ParseFormat(parseResult.GetValue(format)),
            };
            if (parseResult.GetResult(think) is not null)
            {
                session.Think = ParseThink(parseResult.GetValue(think));
                session.ThinkExplicit = true;
            }

            return await RunAsync(context, session, parseResult.GetValue(prompt) ?? [], parseResult.GetValue(insecure), cancellationToken)
                .ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSession session, string[] promptWords, bool insecure, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var prompts = promptWords.ToList();
        var forced = console.Env("CORRAL_INTERACTIVE") is "1" or "true";
        var interactive = prompts.Count == 0;
        if (!console.InputIsTerminal && !forced)
        {
            var piped = await console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (piped.Length > 0)
            {
                prompts.Insert(0, piped);
            }

            interactive = false;
        }

        var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var show = await ShowOrPullAsync(context, client, session.Model, insecure, cancellationToken).ConfigureAwait(false);
        session.Apply(show);
        var text = string.Join(' ', prompts);

        if (session.Capabilities.Contains("embedding"))
        {
            return await EmbedAsync(context, client, session, text, cancellationToken).ConfigureAwait(false);
        }

        if (!interactive)
        {
            return await OneShot.RunAsync(context, client, session, text, cancellationToken).ConfigureAwait(false);
        }

        await ModelLoading.LoadAsync(context, client, session.Model, session.KeepAlive, session.Think, cancellationToken).ConfigureAwait(false);
        await OneShot.ReplayAsync(context, session).ConfigureAwait(false);
        return await new Repl(context, client, session).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ShowResponse> ShowOrPullAsync(CliContext context, CorralClient client, string model, bool insecure, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ShowAsync(new ShowRequest { Model = model }, cancellationToken).ConfigureAwait(false);
        }
        catch (CorralApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            try
            {
                await PullCommand.PullAsync(context, client, model, insecure, cancellationToken).ConfigureAwait(false);
            }
            catch (CorralApiException pullError)
            {
                throw new CliException($"model '{model}' not found locally and pulling it failed: {pullError.Message}");
            }

            return await client.ShowAsync(new ShowRequest { Model = model }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> EmbedAsync(CliContext context, CorralClient client, RunSession session, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            throw new CliException($"embedding models require input text. Usage: corral run {session.Model} \"your text here\"");
        }

        var response = await client.EmbedAsync(new EmbedRequest { Model = session.Model, Input = JsonValues.String(text), KeepAlive = session.KeepAlive }, cancellationToken)
            .ConfigureAwait(false);
        if (response.Embeddings.Length == 0)
        {
            throw new CliException("no embeddings returned");
        }

        var json = JsonSerializer.Serialize(response.Embeddings[0], Corral.Cli.CliJsonContext.Default.SingleArray);
        await context.Console.Out.WriteLineAsync(json).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Validates a Go duration (<c>5m</c>, <c>1h30m</c>, <c>-1s</c>, <c>0</c>) and returns it as keep_alive.</summary>
    internal static JsonElement? ParseKeepAlive(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return GoDuration.TryParse(value, out _) ? JsonValues.KeepAlive(value) : throw new CliException($"time: invalid duration \"{value}\"");
    }

    /// <summary><c>json</c> → <c>"json"</c>; a JSON object → that schema; anything else is an error.</summary>
    internal static JsonElement? ParseFormat(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value == "json")
        {
            return JsonValues.String("json");
        }

        try
        {
            using var doc = JsonDocument.Parse(value);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        throw new CliException($"invalid format \"{value}\": use 'json' or a JSON schema object");
    }

    /// <summary><c>--think</c> values: empty/true/false or a level.</summary>
    internal static JsonElement ParseThink(string? value) => value switch
    {
        null or "" or "true" => JsonValues.Bool(true),
        "false" => JsonValues.Bool(false),
        "high" or "medium" or "low" or "max" => JsonValues.String(value),
        _ => throw new CliException($"invalid value for --think: \"{value}\" (must be true, false, high, medium, low, or max)"),
    };
}
