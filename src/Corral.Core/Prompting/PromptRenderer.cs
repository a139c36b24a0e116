using System.Collections.Concurrent;
using Corral.Core.Errors;
using Corral.Core.Models;
using Corral.Core.Store;
using Corral.Inference;
using Corral.Prompting;
using Microsoft.Extensions.Logging;

namespace Corral.Core.Prompting;

/// <summary>
/// Chooses and renders a model's prompt template. The order: the request's <c>template</c>, the Modelfile
/// <c>TEMPLATE</c>, the GGUF's own chat template (Jinja, rendered as transformers does), then Ollama's default
/// <c>{{ .Prompt }}</c>. Parsed templates are cached by source.
/// </summary>
public sealed partial class PromptRenderer
{
    private const int MaxCachedTemplates = 256;
    private readonly ConcurrentDictionary<(string Origin, string Source), IPromptTemplate> _cache = new();
    private readonly ILogger _logger;

    public PromptRenderer(ILogger<PromptRenderer> logger)
    {
        _logger = logger;
    }

    /// <summary>The template a request renders with.</summary>
    /// <exception cref="CorralException">A request or Modelfile template that does not parse (400).</exception>
    public IPromptTemplate Choose(LocalModel model, ModelFacts facts, string? requestTemplate = null)
    {
        if (requestTemplate is not null)
        {
            return ParseOrReject(requestTemplate, "request template");
        }

        if (model.Template is not null)
        {
            return ParseOrReject(model.Template, "Modelfile TEMPLATE");
        }

        if (facts.ChatTemplate is { Length: > 0 } jinja)
        {
            try
            {
                return Cached(jinja, "GGUF chat template", TemplateSyntax.Jinja);
            }
            catch (PromptTemplateException e)
            {
                Log.GgufTemplateFallback(_logger, model.DisplayName, e.Message);
                return new BuiltInChatTemplate(jinja, e.Message);
            }
        }

        return Cached(PromptTemplates.DefaultGoTemplate, "default template", TemplateSyntax.Go);
    }

    /// <summary>Renders; a render error (e.g. the template's <c>raise_exception</c>) is a 400 with the template's message.</summary>
    public static string Render(IPromptTemplate template, PromptInput input, IModelRunner? runner)
    {
        if (template is BuiltInChatTemplate builtIn)
        {
            return builtIn.Render(input, runner);
        }

        try
        {
            return template.Render(input);
        }
        catch (PromptTemplateException e)
        {
            throw CorralException.BadRequest(e.Message);
        }
    }

    /// <summary>Parses a template given at create time, so a broken one fails there (400) and not at the first chat.</summary>
    public IPromptTemplate Validate(string source, string origin) => ParseOrReject(source, origin);

    private IPromptTemplate ParseOrReject(string source, string origin)
    {
        try
        {
            return Cached(source, origin, syntax: null);
        }
        catch (PromptTemplateException e)
        {
            throw CorralException.BadRequest(e.Message);
        }
    }

    private IPromptTemplate Cached(string source, string origin, TemplateSyntax? syntax)
    {
        if (_cache.TryGetValue((origin, source), out var cached))
        {
            return cached;
        }

        var parsed = PromptTemplates.Parse(source, origin, syntax);
        if (_cache.Count >= MaxCachedTemplates)
        {
            _cache.Clear();
        }

        _cache[(origin, source)] = parsed;
        return parsed;
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Warning, "the GGUF chat template of {Model} does not parse ({Error}); using llama.cpp's built-in templates instead")]
        public static partial void GgufTemplateFallback(ILogger logger, string model, string error);
    }
}
