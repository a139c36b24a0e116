using Corral.Api;

namespace Corral.Core.Errors;

/// <summary>A request's deadline passed before it produced any output: <c>request timed out after 2s waiting for
/// model 'x'</c>. Maps to 504 on every API.</summary>
public sealed class RequestTimeoutException(TimeSpan timeout, string stage)
    : CorralException(ErrorKind.Timeout, $"request timed out after {new OllamaDuration(timeout)} {stage}")
{
    public TimeSpan Timeout { get; } = timeout;
}
