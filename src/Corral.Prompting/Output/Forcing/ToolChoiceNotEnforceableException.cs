namespace Corral.Prompting.Output.Forcing;

/// <summary>A required tool call cannot be enforced by grammar for this template or these tools; callers answer 400
/// naming <c>tool_choice</c> and <see cref="Exception.Message"/>.</summary>
public sealed class ToolChoiceNotEnforceableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolChoiceNotEnforceableException() : base("a tool call cannot be enforced") { }

    /// <summary>Creates the exception with a reason.</summary>
    public ToolChoiceNotEnforceableException(string message) : base(message) { }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public ToolChoiceNotEnforceableException(string message, Exception innerException) : base(message, innerException) { }
}
