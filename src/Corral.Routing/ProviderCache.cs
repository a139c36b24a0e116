using System.Runtime.CompilerServices;
using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;

namespace Corral.Routing;

/// <summary>One provider instance (one HttpClient, one connection pool) per provider of a configuration. A reloaded
/// routes file brings new <see cref="ProviderConfig"/> objects and so new providers; the old ones go with the old
/// configuration once no call uses it.</summary>
public sealed class ProviderCache(Func<ProviderConfig, IChatProvider> create)
{
    private readonly ConditionalWeakTable<ProviderConfig, IChatProvider> _providers = new();

    public IChatProvider Get(RouterConfig config, string name) =>
        config.Providers.TryGetValue(name, out var provider)
            ? _providers.GetValue(provider, p => create(p))
            : throw new InvalidOperationException($"provider '{name}' is not configured");
}
