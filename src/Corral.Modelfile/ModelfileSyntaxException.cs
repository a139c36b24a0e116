namespace Corral.Modelfile;

/// <summary>
/// A Modelfile could not be parsed. <see cref="Exception.Message"/> is Ollama-style:
/// <c>(line N): reason</c> when a line is known, else just the reason (e.g. <c>no FROM line</c>).
/// </summary>
public sealed class ModelfileSyntaxException : FormatException
{
    /// <summary>Creates the exception for a position (line/column 1-based; 0 when not applicable).</summary>
    public ModelfileSyntaxException(string reason, int line, int column)
        : base(line > 0 ? $"(line {line}): {reason}" : reason)
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with no position.</summary>
    public ModelfileSyntaxException(string reason)
        : this(reason, 0, 0)
    {
    }

    /// <summary>Creates the exception with no position (serialization-style constructor shape).</summary>
    public ModelfileSyntaxException()
        : this("invalid modelfile")
    {
    }

    /// <summary>Creates the exception with an inner exception and no position.</summary>
    public ModelfileSyntaxException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>The message without the <c>(line N):</c> prefix.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the error, or 0 when the error is not tied to a line.</summary>
    public int Line { get; }

    /// <summary>1-based column (in Unicode scalar values) of the error, or 0 when unknown.</summary>
    public int Column { get; }
}
