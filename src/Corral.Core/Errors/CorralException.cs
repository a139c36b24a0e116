namespace Corral.Core.Errors;

/// <summary>What kind of failure an error is; the edge maps it to each protocol's status code and shape.</summary>
public enum ErrorKind
{
    BadRequest,
    NotFound,
    Busy,
    Canceled,
    Internal,

    /// <summary>An upstream API the router forwarded to failed (502): every target of a route, or one mid-answer.</summary>
    Upstream,

    /// <summary>The request's deadline passed before it produced any output (504).</summary>
    Timeout,
}

/// <summary>An expected failure with a message that is safe to show to clients (no absolute paths, no keys).</summary>
public class CorralException : Exception
{
    public CorralException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }

    public static CorralException BadRequest(string message) => new(ErrorKind.BadRequest, message);

    public static CorralException Internal(string message, Exception? inner = null) => new(ErrorKind.Internal, message, inner);
}

/// <summary>A model name that no manifest answers to: <c>model 'x' not found</c>.</summary>
public sealed class ModelNotFoundException(string name)
    : CorralException(ErrorKind.NotFound, $"model '{name}' not found")
{
    public string Name { get; } = name;
}

/// <summary>The server refuses new work for now (queue full): the client should retry later.</summary>
public sealed class ServerBusyException()
    : CorralException(ErrorKind.Busy, "server busy, please try again.  maximum pending requests exceeded");
