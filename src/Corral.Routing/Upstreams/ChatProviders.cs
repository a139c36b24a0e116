using Corral.Core.Generation;
using Corral.Routing.Configuration;

namespace Corral.Routing.Upstreams;

/// <summary>Builds the provider a <see cref="ProviderConfig"/> describes. Remote providers own one HttpClient each and
/// are <see cref="IDisposable"/>: dispose the old ones when a reload replaces them.</summary>
public static class ChatProviders
{
    /// <param name="local">Required for <see cref="ProviderKind.Local"/>.</param>
    /// <param name="handler">Replaces the default handler of remote providers (tests); not disposed by them.</param>
    public static IChatProvider Create(ProviderConfig config, InferenceService? local, TimeProvider time, HttpMessageHandler? handler = null) =>
        config.Kind switch
        {
            ProviderKind.Anthropic => new AnthropicProvider(config, time, handler),
            ProviderKind.OpenAI => new OpenAIProvider(config, time, handler),
            ProviderKind.Local => new LocalProvider(config.Name, local ?? throw new ArgumentException($"provider {config.Name} is local but no InferenceService was given", nameof(local)), time),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown provider kind"),
        };
}
