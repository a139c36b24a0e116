using Corral.Templating.Jinja;

namespace Corral.Prompting.Jinja;

/// <summary>
/// A GGUF / Hugging Face Jinja chat template (<c>tokenizer.chat_template</c>) rendered the way transformers'
/// <c>apply_chat_template</c> renders it: the native conversation becomes transformers' context (OpenAI-style
/// messages with object tool-call arguments and <c>reasoning_content</c>, <c>tools</c> or None, <c>documents</c>
/// None, <c>add_generation_prompt</c>, <c>bos_token</c>/<c>eos_token</c>), plus thinking control the way llama.cpp
/// passes it (<c>enable_thinking</c>, <c>reasoning_effort</c>) and every extra variable. Parse once; rendering is
/// thread-safe.
/// </summary>
public sealed class HfJinjaTemplate : IPromptTemplate
{
    private readonly JinjaTemplate _template;
    private readonly HfTemplateTraits _traits;
    private readonly JinjaRenderOptions _options;

    private HfJinjaTemplate(string source, string origin, JinjaTemplate template, JinjaRenderOptions options)
    {
        Source = source;
        Origin = origin;
        _template = template;
        _options = options;
        _traits = HfTemplateTraits.From(source);
        Capabilities = JinjaCapabilityDetector.Detect(source);
    }

    /// <inheritdoc />
    public TemplateSyntax Syntax => TemplateSyntax.Jinja;

    /// <inheritdoc />
    public string Origin { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public TemplateCapabilities Capabilities { get; }

    /// <summary>Parses a Jinja chat template. Throws <see cref="PromptTemplateException"/> (a syntax error naming
    /// <paramref name="origin"/>, the line and the column) when the text is not valid Jinja.</summary>
    /// <param name="source">The template text.</param>
    /// <param name="origin">Where it came from, for messages (e.g. <c>GGUF chat template</c>).</param>
    /// <param name="options">Sandbox limits and clock; <see cref="JinjaRenderOptions.Default"/> when null.</param>
    public static HfJinjaTemplate Parse(string source, string origin, JinjaRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(origin);
        try
        {
            return new HfJinjaTemplate(source, origin, JinjaTemplate.Parse(source, origin), options ?? JinjaRenderOptions.Default);
        }
        catch (JinjaSyntaxException e)
        {
            throw new PromptTemplateException(
                $"{origin}: template syntax error at line {e.Line}, column {e.Column}: {e.Message}", isSyntaxError: true, e);
        }
    }

    /// <inheritdoc />
    public string Render(PromptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = HfContextBuilder.Build(input, _traits);
        try
        {
            return _template.Render(context, _options);
        }
        catch (JinjaRaiseException e)
        {
            throw new PromptTemplateException($"{Origin}: {e.Message}", isSyntaxError: false, e);
        }
        catch (JinjaRenderException e)
        {
            var where = e.Line > 0 ? $" (line {e.Line})" : "";
            throw new PromptTemplateException($"{Origin}: {e.ErrorType}: {e.Message}{where}", isSyntaxError: false, e);
        }
        catch (JinjaException e)
        {
            throw new PromptTemplateException($"{Origin}: {e.Message}", isSyntaxError: false, e);
        }
    }
}
