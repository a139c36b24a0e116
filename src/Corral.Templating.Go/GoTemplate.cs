using Corral.Templating.Go.Execution;
using Corral.Templating.Go.Functions;
using Corral.Templating.Go.Parsing;

namespace Corral.Templating.Go;

/// <summary>
/// A parsed Go <c>text/template</c> (with Ollama's functions) and its associated templates
/// (<c>define</c>/<c>block</c>). Instances are immutable and safe to render concurrently.
/// </summary>
public sealed class GoTemplate
{
    private static readonly FunctionTable OllamaTable = FunctionTable.Create(ollama: true);
    private static readonly FunctionTable PlainTable = FunctionTable.Create(ollama: false);

    private readonly FunctionTable _functions;
    private readonly Dictionary<string, ListNode> _templates;
    private IReadOnlySet<string>? _identifiers;

    private GoTemplate(string name, string source, GoTemplateOptions options, Dictionary<string, ListNode> templates)
    {
        Name = name;
        Source = source;
        Options = options;
        _templates = templates;
        _functions = options.OllamaFunctions ? OllamaTable : PlainTable;
    }

    /// <summary>Template name (used in error messages, like Go's <c>template.New(name)</c>).</summary>
    public string Name { get; }

    /// <summary>The source text that was parsed.</summary>
    public string Source { get; }

    /// <summary>Limits and behaviour used when rendering.</summary>
    public GoTemplateOptions Options { get; }

    /// <summary>Root of the main template.</summary>
    public ListNode Root => _templates[Name];

    /// <summary>All templates of the set (the main one under <see cref="Name"/>, plus defined/block templates).</summary>
    public IReadOnlyDictionary<string, ListNode> Templates => _templates;

    /// <summary>
    /// Identifiers referenced by field, variable and chain nodes in every template of the set
    /// (Ollama's <c>Identifiers</c>: <c>.Messages</c> yields <c>Messages</c>, <c>$.Tools</c> yields <c>$</c> and <c>Tools</c>).
    /// </summary>
    public IReadOnlySet<string> Identifiers => _identifiers ??= TreeWalker.CollectIdentifiers(_templates.Values);

    /// <summary>Case-insensitive check whether an identifier (e.g. <c>Messages</c>) is referenced anywhere.</summary>
    public bool References(string identifier)
    {
        foreach (var id in Identifiers)
        {
            if (string.Equals(id, identifier, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Parses a template. Throws <see cref="GoTemplateSyntaxException"/> on invalid syntax.</summary>
    /// <param name="name">Template name used in messages.</param>
    /// <param name="text">Template source.</param>
    /// <param name="options">Limits; <see cref="GoTemplateOptions.Default"/> when null.</param>
    public static GoTemplate Parse(string name, string text, GoTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        options ??= GoTemplateOptions.Default;
        if (text.Length > options.MaxSourceChars)
            throw new GoTemplateSyntaxException("template: " + name + ": template source exceeds " + options.MaxSourceChars + " characters", name, 0, 0);
        var table = options.OllamaFunctions ? OllamaTable : PlainTable;
        Dictionary<string, ListNode> set;
        try
        {
            set = Parser.Parse(name, text, table.Contains, options.MaxParseDepth);
        }
        catch (GoTemplateSyntaxException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            throw new GoTemplateSyntaxException("template: " + name + ": internal parse error: " + ex.Message, ex);
        }
        return new GoTemplate(name, text, options, set);
    }

    /// <summary>Returns a copy whose main template has a different root (for Ollama-style tree rewrites).</summary>
    public GoTemplate WithRoot(ListNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var set = new Dictionary<string, ListNode>(_templates, StringComparer.Ordinal) { [Name] = root };
        return new GoTemplate(Name, Source, Options, set);
    }

    /// <summary>Enumerates every node of every template, depth first.</summary>
    public IEnumerable<GoNode> Nodes()
    {
        foreach (var root in _templates.Values)
        {
            foreach (var n in TreeWalker.Descendants(root)) yield return n;
        }
    }

    /// <summary>Renders the main template to a string.</summary>
    public string Render(object? data) => RenderTemplate(Name, data);

    /// <summary>Renders the main template to <paramref name="writer"/>.</summary>
    public void Render(object? data, TextWriter writer) => RenderTemplate(Name, data, writer);

    /// <summary>Renders a named associated template (Go's <c>ExecuteTemplate</c>) to a string.</summary>
    public string RenderTemplate(string name, object? data)
    {
        using var sw = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RenderTemplate(name, data, sw);
        return sw.ToString();
    }

    /// <summary>Renders a named associated template to <paramref name="writer"/>.</summary>
    public void RenderTemplate(string name, object? data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!_templates.ContainsKey(name))
            throw new GoTemplateRenderException("template: no template \"" + name + "\" associated with template \"" + Name + "\"");
        var ev = new Evaluator(_templates, Source, Name, Options, writer, _functions);
        try
        {
            ev.Execute(name, data);
        }
        catch (GoTemplateRenderException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new GoTemplateRenderException("template: " + Name + ": execution stopped: nesting too deep", ex) { IsLimit = true };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or FormatException or OverflowException or InvalidCastException or NullReferenceException or KeyNotFoundException)
        {
            throw new GoTemplateRenderException("template: " + Name + ": internal error: " + ex.Message, ex);
        }
    }
}
