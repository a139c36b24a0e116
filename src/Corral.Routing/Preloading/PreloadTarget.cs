using Corral.Routing.Configuration;

namespace Corral.Routing.Preloading;

/// <summary>One local model to load, with the keep-alive it gets and the routes that asked for it.</summary>
/// <param name="KeepAlive">Null = the server's default; <see cref="Timeout.InfiniteTimeSpan"/> = forever.</param>
public sealed record PreloadTarget(string Provider, string Model, TimeSpan? KeepAlive, IReadOnlyList<string> Routes)
{
    /// <summary>The local targets of every route with <c>preload: true</c>, each model once (names compared
    /// case-insensitively, as local model names are). Routes that share a model share one load: forever wins, else the
    /// longest keep-alive a route names, else the server's default.</summary>
    public static IReadOnlyList<PreloadTarget> Of(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var byModel = new Dictionary<string, PreloadTarget>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var route in config.Routes.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (route.Preload is not { } preload)
            {
                continue;
            }

            foreach (var target in route.AllTargets())
            {
                if (!config.Providers.TryGetValue(target.Provider, out var provider) || provider.Kind != ProviderKind.Local)
                {
                    continue;
                }

                if (!byModel.TryGetValue(target.Model, out var known))
                {
                    byModel[target.Model] = new PreloadTarget(target.Provider, target.Model, preload.KeepAlive, [route.Name]);
                    order.Add(target.Model);
                    continue;
                }

                var routes = known.Routes.Contains(route.Name, StringComparer.Ordinal) ? known.Routes : [.. known.Routes, route.Name];
                byModel[target.Model] = known with { KeepAlive = Longer(known.KeepAlive, preload.KeepAlive), Routes = routes };
            }
        }

        return [.. order.Select(model => byModel[model])];
    }

    private static TimeSpan? Longer(TimeSpan? a, TimeSpan? b)
    {
        if (a == Timeout.InfiniteTimeSpan || b == Timeout.InfiniteTimeSpan)
        {
            return Timeout.InfiniteTimeSpan;
        }

        return a is null ? b : b is null ? a : (a > b ? a : b);
    }

    /// <summary>For messages: <c>forever</c>, <c>the server's default</c> or the duration.</summary>
    public string KeepAliveText => KeepAlive is null ? "the server's default"
        : KeepAlive == Timeout.InfiniteTimeSpan ? "forever" : KeepAlive.Value.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
