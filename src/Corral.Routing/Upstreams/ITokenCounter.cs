namespace Corral.Routing.Upstreams;

/// <summary>A provider that can count a prompt's tokens without answering it (Anthropic's
/// <c>/v1/messages/count_tokens</c>). OpenAI's Chat Completions API has no such endpoint.</summary>
public interface ITokenCounter
{
    /// <summary>Sends <paramref name="body"/> (a count_tokens request in the provider's own shape, its model already
    /// the provider's model id) and returns <c>input_tokens</c>. Failures are classified
    /// <see cref="UpstreamException"/>s; the connect budget applies to connecting and the first-token budget to the
    /// whole answer.</summary>
    Task<int> CountTokensAsync(byte[] body, TargetTimeouts timeouts, CancellationToken cancellationToken);
}
