using Corral.Routing.Configuration;
using Corral.Routing.Preloading;
using Microsoft.Extensions.Hosting;

namespace Corral.Server.Routing;

/// <summary>Hands the routes file to the <see cref="RoutePreloader"/> when the server starts and after every good
/// reload. Start does not wait for any model to load.</summary>
internal sealed class RoutePreloadService(RouterConfigSource source, RoutePreloader preloader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        source.Changed += OnChanged;
        preloader.Preload(source.Current);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        source.Changed -= OnChanged;
        await preloader.DisposeAsync();
    }

    private void OnChanged(object? sender, RouterConfig config) => preloader.Preload(config);
}
