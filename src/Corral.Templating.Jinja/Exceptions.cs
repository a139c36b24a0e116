namespace Corral.Templating.Jinja;

/// <summary>Base type of every error the Jinja engine raises.</summary>
public abstract class JinjaException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected JinjaException(string message, string? templateName, int line, Exception? inner = null)
        : base(message, inner)
    {
        TemplateName = templateName;
        Line = line;
    }

    /// <summary>Template name given to <see cref="JinjaTemplate.Parse"/>, if any.</summary>
    public string? TemplateName { get; }

    /// <summary>1-based line of the error (0 when unknown).</summary>
    public int Line { get; }
}

/// <summary>The template text is not valid Jinja (jinja2's TemplateSyntaxError / TemplateAssertionError).</summary>
public sealed class JinjaSyntaxException : JinjaException
{
    /// <summary>Creates the exception.</summary>
    public JinjaSyntaxException(string message, string? templateName, int line, int column)
        : base(message, templateName, line) => Column = column;

    /// <summary>1-based column of the error.</summary>
    public int Column { get; }
}

/// <summary>Rendering failed; <see cref="Exception.Message"/> is the text jinja2/Python would give.</summary>
public class JinjaRenderException : JinjaException
{
    /// <summary>Creates the exception.</summary>
    public JinjaRenderException(string message, string errorType, string? templateName = null, int line = 0)
        : base(message, templateName, line) => ErrorType = errorType;

    /// <summary>The Python exception class jinja2 would raise (TypeError, UndefinedError, SecurityError, LimitExceeded...).</summary>
    public string ErrorType { get; }
}

/// <summary>The template called <c>raise_exception(message)</c>; the message is the template's own.</summary>
public sealed class JinjaRaiseException : JinjaRenderException
{
    /// <summary>Creates the exception.</summary>
    public JinjaRaiseException(string message, string? templateName = null, int line = 0)
        : base(message, "TemplateError", templateName, line)
    {
    }
}

/// <summary>Internal error carrier without location; the renderer attaches the line.</summary>
internal sealed class PyError(string type, string message) : Exception(message)
{
    public string Type { get; } = type;

    public static PyError TypeError(string message) => new("TypeError", message);

    public static PyError ValueError(string message) => new("ValueError", message);

    public static PyError Runtime(string message) => new("TemplateRuntimeError", message);

    public static PyError Security(string message) => new("SecurityError", message);

    public static PyError Limit(string message) => new("LimitExceeded", message);
}
