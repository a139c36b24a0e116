using Corral.Routing.Configuration;

namespace Corral.Routing.Policies;

/// <summary>Cost estimates from the routes file's prices (US dollars per million tokens).</summary>
public static class Costs
{
    private const decimal PerMillion = 1_000_000m;

    /// <summary>What <paramref name="target"/> charges for these tokens; null when it has no price (0 for local).</summary>
    public static decimal? Of(RouterConfig config, TargetConfig target, int? tokensIn, int? tokensOut, int? tokensCached)
    {
        if (!config.Providers.TryGetValue(target.Provider, out var provider))
        {
            return null;
        }

        if (provider.Kind == ProviderKind.Local)
        {
            return 0m;
        }

        if (!provider.Prices.TryGetValue(target.Model, out var price))
        {
            return null;
        }

        var cached = Math.Max(0, tokensCached ?? 0);
        var fresh = Math.Max(0, (tokensIn ?? 0) - cached);
        var total = (fresh * price.Input) + (cached * (price.CachedInput ?? price.Input)) + (Math.Max(0, tokensOut ?? 0) * price.Output);
        return total / PerMillion;
    }

    /// <summary>For a local answer: what the route's first priced frontier target would have charged for the same
    /// tokens (the local model's counts stand in for the frontier tokenizer's).</summary>
    public static decimal? Avoided(RouterConfig config, RouteConfig route, int? tokensIn, int? tokensOut)
    {
        foreach (var target in route.Targets)
        {
            if (config.Providers.TryGetValue(target.Provider, out var provider) && provider.Kind != ProviderKind.Local
                && Of(config, target, tokensIn, tokensOut, 0) is { } cost)
            {
                return cost;
            }
        }

        return null;
    }
}
