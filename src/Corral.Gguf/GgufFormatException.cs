namespace Corral.Gguf;

/// <summary>
/// Thrown when a GGUF file is malformed, truncated, uses an unsupported version, or violates a safety limit.
/// The message names the problem and the byte offset where it was found; it never contains a file path.
/// </summary>
public sealed class GgufFormatException : Exception
{
    /// <summary>Creates an exception for a problem found at <paramref name="offset"/>.</summary>
    public GgufFormatException(string problem, long offset)
        : base($"Invalid GGUF file: {problem} (at byte offset {offset}).")
    {
        Problem = problem;
        Offset = offset;
    }

    /// <summary>Creates an exception with no known offset (not normally used by the reader).</summary>
    public GgufFormatException() : this("unspecified problem", 0)
    {
    }

    /// <summary>Creates an exception with a custom message.</summary>
    public GgufFormatException(string message) : base(message)
    {
        Problem = message;
    }

    /// <summary>Creates an exception with a custom message and inner exception.</summary>
    public GgufFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>The problem, without the offset.</summary>
    public string Problem { get; } = "";

    /// <summary>The byte offset in the file where the problem was detected.</summary>
    public long Offset { get; }
}
