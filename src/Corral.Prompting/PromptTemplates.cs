using Corral.Prompting.Go;
using Corral.Prompting.Jinja;

namespace Corral.Prompting;

/// <summary>Parses a template in either language.</summary>
public static class PromptTemplates
{
    /// <summary>Ollama's template for models imported without one: the prompt, as is.</summary>
    public const string DefaultGoTemplate = "{{ .Prompt }}";

    /// <summary>Parses <paramref name="source"/> as <paramref name="syntax"/>, or as whatever its content says when null.</summary>
    /// <exception cref="PromptTemplateException">The template does not parse (message names the origin and line).</exception>
    public static IPromptTemplate Parse(string source, string origin, TemplateSyntax? syntax = null) =>
        (syntax ?? TemplateSyntaxDetector.Detect(source)) switch
        {
            TemplateSyntax.Jinja => HfJinjaTemplate.Parse(source, origin),
            _ => OllamaGoTemplate.Parse(source, origin),
        };
}
