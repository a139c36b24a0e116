using Corral.Core.Registry;
using Corral.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints;

/// <summary>Registers pull, push, the shared download coordinator and the registry HTTP client.</summary>
internal static class RegistryServices
{
    public static IServiceCollection AddCorralRegistry(this IServiceCollection services)
    {
        services.AddSingleton(RegistryOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        services.AddSingleton<RegistryStatistics>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<RegistryOptions>();
            var handler = RegistryHostPolicy.CreateHandler(options);
            var http = new HttpClient(options.WrapHandler?.Invoke(handler) ?? handler) { Timeout = Timeout.InfiniteTimeSpan };
            return new RegistryClient(http, options);
        });
        services.AddSingleton<ManifestFetcher>();
        services.AddSingleton<BlobDownloader>();
        services.AddSingleton<DownloadCoordinator>();
        services.AddSingleton<RegistryPuller>();
        services.AddSingleton<BlobUploader>();
        services.AddSingleton<RegistryPusher>();
        services.AddHostedService<StalePartialPruning>();
        return services;
    }
}

/// <summary>At start, before any pull can run, removes unfinished downloads older than <see cref="RegistryOptions.StalePartialAge"/>.</summary>
internal sealed partial class StalePartialPruning(ModelStore store, RegistryOptions options, TimeProvider time, ILogger<StalePartialPruning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.NoPrune)
        {
            var result = PartialPruner.PruneStale(store.Blobs.DirectoryPath, options.StalePartialAge, time.GetUtcNow());
            if (result.Downloads > 0)
            {
                Pruned(logger, result.Downloads, result.Bytes >> 20, options.StalePartialAge.TotalDays);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(3301, LogLevel.Information, "removed {Count} unfinished downloads ({MiB} MiB) untouched for more than {Days} days")]
    private static partial void Pruned(ILogger logger, int count, long miB, double days);
}
