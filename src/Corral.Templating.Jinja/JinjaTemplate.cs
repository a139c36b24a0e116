using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Lexing;
using Corral.Templating.Jinja.Syntax;

namespace Corral.Templating.Jinja;

/// <summary>
/// A parsed Jinja template rendered with the semantics of jinja2's ImmutableSandboxedEnvironment as
/// Hugging Face transformers configures it for chat templates (trim_blocks, lstrip_blocks, loopcontrols,
/// generation tag, raise_exception, strftime_now, json.dumps-based tojson). Thread-safe: parse once, render many.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly Stmt[] _body;

    private JinjaTemplate(Stmt[] body, string? name)
    {
        _body = body;
        Name = name;
    }

    /// <summary>The name given at parse time (used in error messages).</summary>
    public string? Name { get; }

    /// <summary>Parses template source; throws <see cref="JinjaSyntaxException"/> with line and column on invalid input.</summary>
    public static JinjaTemplate Parse(string source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new JinjaTemplate(Parser.Parse(Lexer.Normalize(source), name), name);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JinjaSyntaxException("template nesting too deep", name, 0, 0);
        }
    }

    /// <summary>Renders with <see cref="JinjaRenderOptions.Default"/>.</summary>
    public string Render(IReadOnlyDictionary<string, object?> context) => Render(context, JinjaRenderOptions.Default);

    /// <summary>
    /// Renders the template. Context values: string, bool, long/int, double, null, IReadOnlyList&lt;object?&gt;,
    /// IReadOnlyDictionary&lt;string, object?&gt; (see <see cref="JinjaValue"/> to convert JSON).
    /// Throws <see cref="JinjaRaiseException"/> for raise_exception and <see cref="JinjaRenderException"/> otherwise.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> context, JinjaRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return new Renderer(context, options, Name).Render(_body);
        }
        catch (PyError e)
        {
            throw e.Type == "TemplateError"
                ? new JinjaRaiseException(e.Message, Name)
                : new JinjaRenderException(e.Message, e.Type, Name);
        }
    }
}
