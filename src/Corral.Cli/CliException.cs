namespace Corral.Cli;

/// <summary>An expected failure: printed as <c>Error: message</c> without a stack trace, exit code 1.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CliException() : base("error")
    {
    }
}
