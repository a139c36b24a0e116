using System.Net;
using Corral.Core.Generation;
using Corral.Core.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.Inference;
using Corral.Inference.LlamaSharp;
using Corral.Server.Endpoints;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Corral.Server;

/// <summary>A started server on real Kestrel. Dispose to stop it and unload every model.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where clients reach the server, e.g. <c>http://127.0.0.1:11434/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    internal static async Task<RunningServer> StartAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxJsonBytes;
            kestrel.Listen(ResolveBindAddress(settings.BindHost), settings.Port);
        });
        AddCorral(builder.Services, settings);

        var app = builder.Build();
        _ = app.Services.GetService<Corral.Routing.Configuration.RouterConfigSource>(); // an invalid routes file stops the start here
        app.UseMiddleware<HostHeaderGuard>();
        app.UseMiddleware<RequestDeadlines>();
        app.MapNativeApi();
        Corral.Server.Endpoints.OpenAI.OpenAIApi.MapOpenAIApi(app);
        Corral.Server.Endpoints.Anthropic.AnthropicEndpoints.MapAnthropicApi(app);
        app.MapRouterLogApi();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new UriBuilder(address) { Host = settings.BindHost is "0.0.0.0" or "::" ? "127.0.0.1" : new Uri(address).Host }.Uri;
        return new RunningServer(app, uri);
    }

    /// <summary>Waits until the host stops (it stops when <paramref name="cancellationToken"/> fires).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.Services.GetRequiredService<ModelScheduler>().DisposeAsync();
        await _app.DisposeAsync();
    }

    private static void AddCorral(IServiceCollection services, ServerSettings settings)
    {
        var core = settings.Core;
        services.AddSingleton(settings);
        services.AddSingleton(core);
        services.AddSingleton(settings.Time);
        services.AddSingleton(new ModelStore(core.ModelsDirectory));
        var scheduling = core.ToSchedulerOptions();
        services.AddSingleton(settings.AvailableMemory is { } memory ? scheduling with { AvailableMemory = memory } : scheduling);
        services.AddSingleton(sp => settings.RunnerFactory
            ?? new LlamaSharpRunnerFactory(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Engine")));
        services.AddSingleton<ModelScheduler>();
        services.AddSingleton<PromptRenderer>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelCreator>();
        services.AddSingleton<InferenceService>();
        services.AddCorralRouter(settings);
        services.AddCorralRegistry();
    }

    private static IPAddress ResolveBindAddress(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return ip;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return Dns.GetHostAddresses(host).FirstOrDefault() ?? IPAddress.Loopback;
    }
}
