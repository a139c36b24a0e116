namespace Corral.Modelfile;

/// <summary>
/// A parameter name is unknown (<c>unknown parameter 'x'</c>) or its value does not parse
/// (<c>invalid int value 'x' for parameter 'num_ctx'</c>). Prefixed with <c>(line N): </c> when the line is known.
/// </summary>
public sealed class ModelParameterException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ModelParameterException(string parameterName, string reason, int line = 0)
        : base(line > 0 ? $"(line {line}): {reason}" : reason)
    {
        ParameterName = parameterName;
        Reason = reason;
        Line = line;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelParameterException()
        : this(string.Empty, "invalid parameter")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelParameterException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ModelParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        ParameterName = string.Empty;
        Reason = message;
    }

    /// <summary>The offending parameter name.</summary>
    public string ParameterName { get; }

    /// <summary>The message without a line prefix.</summary>
    public string Reason { get; }

    /// <summary>1-based Modelfile line, or 0.</summary>
    public int Line { get; }
}
