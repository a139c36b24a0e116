using Corral.Core.Registry;
using Microsoft.Extensions.DependencyInjection;

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
            var http = new HttpClient(RegistryHostPolicy.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
            return new RegistryClient(http, options);
        });
        services.AddSingleton<ManifestFetcher>();
        services.AddSingleton<BlobDownloader>();
        services.AddSingleton<DownloadCoordinator>();
        services.AddSingleton<RegistryPuller>();
        services.AddSingleton<BlobUploader>();
        services.AddSingleton<RegistryPusher>();
        return services;
    }
}
