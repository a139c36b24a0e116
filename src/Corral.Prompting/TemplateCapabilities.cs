namespace Corral.Prompting;

/// <summary>Capabilities a template gives a model, as Ollama derives them (<c>/api/show</c>, <c>/api/tags</c>).</summary>
public sealed record TemplateCapabilities
{
    public static TemplateCapabilities None { get; } = new();

    /// <summary>The template renders tool definitions.</summary>
    public bool Tools { get; init; }

    /// <summary>The template renders reasoning (e.g. <c>&lt;think&gt;</c> blocks or a <c>.Thinking</c> field).</summary>
    public bool Thinking { get; init; }

    /// <summary>Fill-in-the-middle (<c>.Suffix</c>).</summary>
    public bool Insert { get; init; }

    /// <summary>The text that opens reasoning in the model's output (e.g. <c>&lt;think&gt;</c>), when known.</summary>
    public string? ThinkingOpenTag { get; init; }

    /// <summary>The text that closes reasoning (e.g. <c>&lt;/think&gt;</c>), when known.</summary>
    public string? ThinkingCloseTag { get; init; }
}
