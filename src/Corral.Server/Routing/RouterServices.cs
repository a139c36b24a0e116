using Corral.Core.Generation;
using Corral.Routing;
using Corral.Routing.Configuration;
using Corral.Routing.Log;
using Corral.Routing.Preloading;
using Corral.Routing.Upstreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Routing;

/// <summary>
/// Registers the chat gateway and, when a routes file is configured (<c>CORRAL_ROUTES</c>), the router behind it:
/// the live routes file, one provider per configured upstream, and the SQLite log (by default <c>router.db</c> beside
/// the routes file). The log's location is read at start; changing it in the file takes a restart. Routes with
/// <c>preload: true</c> have their local models loaded in the background at start and after every reload.
/// </summary>
internal static class RouterServices
{
    public static void AddCorralRouter(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(sp => new ChatGateway(sp.GetRequiredService<InferenceService>(), sp.GetService<ChatRouter>()));
        if (settings.RoutesFile is not { Length: > 0 } routesFile)
        {
            return;
        }

        services.AddSingleton(sp => new RouterConfigSource(routesFile, settings.Environment,
            sp.GetRequiredService<ILogger<RouterConfigSource>>(), settings.Time));
        services.AddSingleton(sp =>
        {
            var log = sp.GetRequiredService<RouterConfigSource>().Current.Log;
            var directory = Path.GetDirectoryName(Path.GetFullPath(routesFile))!;
            return new SqliteRouterLog(SqliteRouterLogOptions.FromConfig(log, Path.Combine(directory, "router.db")),
                sp.GetRequiredService<ILogger<SqliteRouterLog>>());
        });
        services.AddSingleton<IRouterLog>(sp => sp.GetRequiredService<SqliteRouterLog>());
        services.AddSingleton<IRouterLogReader>(sp => sp.GetRequiredService<SqliteRouterLog>());
        services.AddSingleton(sp =>
        {
            var source = sp.GetRequiredService<RouterConfigSource>();
            var inference = sp.GetRequiredService<InferenceService>();
            var providers = new ProviderCache(p => ChatProviders.Create(p, inference, settings.Time), settings.Time);
            var router = new ChatRouter(() => source.Current, providers,
                sp.GetRequiredService<IRouterLog>(), settings.Time,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Router"));
            source.Changed += (_, config) =>
            {
                router.Health.Clear();
                providers.Retire(config);
            };
            return router;
        });
        services.AddSingleton(sp => RoutePreloader.ForInference(sp.GetRequiredService<InferenceService>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Router.Preload"), settings.Time));
        services.AddHostedService<RoutePreloadService>();
    }
}
