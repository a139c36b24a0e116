namespace Corral.Protocols;

/// <summary>A request the protocol mapper refuses (unknown or unsupported field, wrong shape). The endpoint turns it
/// into the protocol's own error shape with a 400; <see cref="Param"/> names the offending field when there is one.</summary>
public sealed class ProtocolException(string message, string? param = null) : Exception(message)
{
    public string? Param { get; } = param;
}
