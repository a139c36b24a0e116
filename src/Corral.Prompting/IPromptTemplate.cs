namespace Corral.Prompting;

/// <summary>
/// A parsed chat prompt template (Ollama's Go TEMPLATE or a GGUF's Jinja chat template) that turns a conversation into
/// the exact text the model was trained on. Parsing happens once; rendering is thread-safe and sandboxed.
/// </summary>
public interface IPromptTemplate
{
    TemplateSyntax Syntax { get; }

    /// <summary>Where the template came from, used in error messages (e.g. <c>Modelfile TEMPLATE</c>, <c>GGUF chat template</c>).</summary>
    string Origin { get; }

    /// <summary>The template text as given.</summary>
    string Source { get; }

    /// <summary>What the template supports (tools, thinking, fill-in-the-middle), derived from its text.</summary>
    TemplateCapabilities Capabilities { get; }

    /// <summary>Renders the prompt. A render error (including the template's own <c>raise_exception</c>) is a
    /// <see cref="PromptTemplateException"/> with the template's message.</summary>
    string Render(PromptInput input);
}

public enum TemplateSyntax
{
    Go,
    Jinja,
}
