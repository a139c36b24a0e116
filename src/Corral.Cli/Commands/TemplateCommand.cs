using System.CommandLine;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Prompting;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral template render [--syntax go|jinja] FILE</c>: renders a template file offline with a conversation read
/// from stdin (an <c>/api/chat</c>-shaped JSON object: <c>messages</c>, <c>tools</c>, <c>think</c>, plus
/// <c>add_generation_prompt</c> and extra Jinja variables under <c>vars</c>) and writes exactly the rendered text.
/// </summary>
internal static class TemplateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("template", "Work with prompt templates");
        var render = new Command("render", "Render a Go or Jinja template with a chat read from stdin, exactly as the server would");
        var file = new Argument<FileInfo>("FILE") { Description = "The template file" };
        var syntax = new Option<string?>("--syntax") { Description = "go or jinja (default: tell them apart by content)" };
        syntax.AcceptOnlyFromAmong("go", "jinja");
        render.Arguments.Add(file);
        render.Options.Add(syntax);
        render.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"template file '{path}' not found");
            }

            var source = await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            var input = ReadInput(await context.Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            TemplateSyntax? chosen = parseResult.GetValue(syntax) switch
            {
                "go" => TemplateSyntax.Go,
                "jinja" => TemplateSyntax.Jinja,
                _ => null,
            };
            try
            {
                var template = PromptTemplates.Parse(source, path.Name, chosen);
                await context.Console.Out.WriteAsync(template.Render(input)).ConfigureAwait(false);
            }
            catch (PromptTemplateException e)
            {
                throw new CliException(e.Message);
            }

            return 0;
        }, cancellationToken));
        command.Subcommands.Add(render);
        return command;
    }

    /// <summary>Reads the chat JSON. Empty input renders an empty conversation.</summary>
    internal static PromptInput ReadInput(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PromptInput();
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new CliException($"stdin is not valid JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliException("stdin must be a JSON object like an /api/chat body");
        }

        var json2 = ApiJsonContext.Wire;
        var messages = root.TryGetProperty("messages", out var m) ? m.Deserialize(json2.MessageArray) ?? [] : [];
        var tools = root.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array ? t.Deserialize(json2.ToolArray) : null;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (root.TryGetProperty("vars", out var vars) && vars.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in vars.EnumerateObject())
            {
                variables[property.Name] = property.Value;
            }
        }

        return new PromptInput
        {
            Messages = messages,
            Tools = tools,
            Think = ReadThink(root),
            AddGenerationPrompt = !root.TryGetProperty("add_generation_prompt", out var add) || add.ValueKind != JsonValueKind.False,
            Tokens = new SpecialTokens(StringVar(vars, "bos_token"), StringVar(vars, "eos_token")),
            Variables = variables,
        };
    }

    private static ThinkSetting? ReadThink(JsonElement root)
    {
        if (!root.TryGetProperty("think", out var think))
        {
            return null;
        }

        return think.ValueKind switch
        {
            JsonValueKind.True => new ThinkSetting(true),
            JsonValueKind.False => new ThinkSetting(false),
            JsonValueKind.String => new ThinkSetting(think.GetString() is not ("false" or "none"), think.GetString()),
            _ => null,
        };
    }

    private static string StringVar(JsonElement vars, string name) =>
        vars.ValueKind == JsonValueKind.Object && vars.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
