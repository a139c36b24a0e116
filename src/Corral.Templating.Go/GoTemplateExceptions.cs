namespace Corral.Templating.Go;

/// <summary>A template failed to parse. The message is worded like Go's <c>text/template</c>.</summary>
public sealed class GoTemplateSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoTemplateSyntaxException(string message, string templateName, int line, int column)
        : base(message)
    {
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public GoTemplateSyntaxException() : this("template: syntax error", "", 0, 0) { }

    /// <summary>Creates the exception with a message only.</summary>
    public GoTemplateSyntaxException(string message) : this(message, "", 0, 0) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public GoTemplateSyntaxException(string message, Exception inner) : base(message, inner) { TemplateName = ""; }

    /// <summary>Name of the template being parsed.</summary>
    public string TemplateName { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>0-based byte column of the offending token (Go's convention), or 0 when unknown.</summary>
    public int Column { get; }
}

/// <summary>A template failed while rendering, or exceeded a sandbox limit.</summary>
public sealed class GoTemplateRenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoTemplateRenderException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public GoTemplateRenderException() : base("template: render error") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public GoTemplateRenderException(string message, Exception inner) : base(message, inner) { }

    /// <summary>True when the error comes from a sandbox limit rather than template semantics.</summary>
    public bool IsLimit { get; init; }
}
