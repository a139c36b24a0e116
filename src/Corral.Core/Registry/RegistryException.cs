using Corral.Core.Errors;

namespace Corral.Core.Registry;

/// <summary>A registry failure with a message safe to show to clients (never a local path).</summary>
public sealed class RegistryException(ErrorKind kind, string message, Exception? inner = null)
    : CorralException(kind, message, inner)
{
    /// <summary>A registry answered with something Corral refuses (bad manifest, oversize, wrong digest).</summary>
    public static RegistryException Invalid(string message) => new(ErrorKind.Internal, message);

    /// <summary>The request itself is refused (policy, scheme).</summary>
    public static RegistryException Refused(string message) => new(ErrorKind.BadRequest, message);
}
