using System.Globalization;
using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>
/// An Ollama Modelfile <c>TEMPLATE</c> (Go <c>text/template</c>) rendered exactly as Ollama's
/// <c>template.Execute</c> does: fill-in-the-middle (<c>.Prompt</c>/<c>.Suffix</c>), messages mode when the template
/// references <c>.Messages</c>, and legacy per-turn mode otherwise. Immutable and safe to render concurrently.
/// </summary>
public sealed class OllamaGoTemplate : IPromptTemplate
{
    private readonly GoTemplate _template;
    private readonly GoTemplate _finalTurn;
    private readonly bool _messagesMode;

    private OllamaGoTemplate(string source, string origin, GoTemplate template, GoTemplate finalTurn, bool messagesMode,
        TemplateCapabilities capabilities)
    {
        Source = source;
        Origin = origin;
        _template = template;
        _finalTurn = finalTurn;
        _messagesMode = messagesMode;
        Capabilities = capabilities;
    }

    /// <inheritdoc />
    public TemplateSyntax Syntax => TemplateSyntax.Go;

    /// <inheritdoc />
    public string Origin { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public TemplateCapabilities Capabilities { get; }

    /// <summary>True when the template references <c>.Messages</c> and so renders the whole conversation at once.</summary>
    public bool UsesMessages => _messagesMode;

    /// <summary>Parses a template. A template that does not parse throws a <see cref="PromptTemplateException"/>
    /// (<see cref="PromptTemplateException.IsSyntaxError"/> true) whose message is
    /// <c>{origin}: template: :{line}:{column}: {problem}</c>.</summary>
    /// <param name="source">Template text.</param>
    /// <param name="origin">Where it came from, for messages (e.g. <c>Modelfile TEMPLATE</c>).</param>
    /// <param name="options">Sandbox limits and clock; <see cref="GoTemplateOptions.Default"/> (Ollama's functions,
    /// <c>missingkey=zero</c>) when null.</param>
    public static OllamaGoTemplate Parse(string source, string origin, GoTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(origin);
        GoTemplate parsed;
        try
        {
            parsed = GoTemplate.Parse("", source, options ?? GoTemplateOptions.Default);
        }
        catch (GoTemplateSyntaxException ex)
        {
            throw new PromptTemplateException(origin + ": " + WithColumn(ex), isSyntaxError: true, ex);
        }
        var vars = TemplateVars.Collect(parsed);
        bool messages = vars.Contains("messages");
        var template = messages || vars.Contains("response") ? parsed : parsed.WithRoot(ResponseCut.AppendResponse(parsed.Root));
        var finalTurn = template.WithRoot(ResponseCut.CutAfterResponse(template.Root));
        var capabilities = CapabilityDetector.Detect(template.Root, vars);
        return new OllamaGoTemplate(source, origin, template, finalTurn, messages, capabilities);
    }

    /// <inheritdoc />
    public string Render(PromptInput input)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Render(input, writer);
        return writer.ToString();
    }

    /// <summary>Renders the prompt to <paramref name="output"/> (see <see cref="Render(PromptInput)"/>).</summary>
    public void Render(PromptInput input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            RenderCore(input, output);
        }
        catch (GoTemplateRenderException ex)
        {
            throw new PromptTemplateException(Origin + ": " + ex.Message, isSyntaxError: false, ex);
        }
    }

    private void RenderCore(PromptInput input, TextWriter output)
    {
        var think = ThinkValues.From(input.Think);
        var messages = input.Messages ?? [];
        if (!string.IsNullOrEmpty(input.Suffix))
        {
            // Ollama's /api/generate passes a suffix request as Prompt+Suffix with no messages at all.
            string prompt = LastUserContent(messages);
            if (prompt.Length > 0)
            {
                _template.Render(OllamaData.Fim(prompt, input.Suffix, think), output);
                return;
            }
            messages = [];
        }
        var (system, collated) = Collate.Run(messages);
        if (_messagesMode)
        {
            _template.Render(OllamaData.Messages(system, collated, ToolsValue.From(input.Tools), think), output);
            return;
        }
        LegacyExecution.Run(_template, _finalTurn, collated, think, output);
    }

    /// <summary>Go's parse errors name only the line (<c>template: :3: ...</c>); the column the engine knows is added
    /// after it (<c>template: :3:15: ...</c>, 0-based bytes as in Go's execution errors).</summary>
    private static string WithColumn(GoTemplateSyntaxException ex)
    {
        string prefix = "template: " + ex.TemplateName + ":" + ex.Line.ToString(CultureInfo.InvariantCulture) + ":";
        if (ex.Line <= 0 || ex.Column <= 0 || !ex.Message.StartsWith(prefix + " ", StringComparison.Ordinal)) return ex.Message;
        return prefix + ex.Column.ToString(CultureInfo.InvariantCulture) + ":" + ex.Message[prefix.Length..];
    }

    private static string LastUserContent(IReadOnlyList<Api.Models.Message> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i] is { Role: "user" } m) return m.Content ?? "";
        }
        return "";
    }
}
