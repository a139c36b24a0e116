namespace Corral.Prompting;

/// <summary>A template that does not parse, or fails while rendering. The message names the template's origin and,
/// for syntax errors, the line and column; for render errors it carries the template's own message.</summary>
public sealed class PromptTemplateException : Exception
{
    public PromptTemplateException(string message, bool isSyntaxError, Exception? inner = null) : base(message, inner) =>
        IsSyntaxError = isSyntaxError;

    /// <summary>True for a template that does not parse; false for a failure while rendering.</summary>
    public bool IsSyntaxError { get; }
}
