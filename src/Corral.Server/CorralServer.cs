namespace Corral.Server;

/// <summary>Entry points that host the Corral HTTP server (used by <c>corral serve</c> and by tests).</summary>
public static class CorralServer
{
    /// <summary>Runs the server configured from the environment (<c>CORRAL_HOST</c>/<c>OLLAMA_HOST</c>,
    /// <c>CORRAL_MODELS</c>/<c>OLLAMA_MODELS</c>, ...) until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(ServerSettings.FromEnvironment(), cancellationToken);
        await server.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Starts a server and returns once it listens. Port 0 picks a free port; see <see cref="RunningServer.BaseAddress"/>.</summary>
    public static Task<RunningServer> StartAsync(ServerSettings settings, CancellationToken cancellationToken) =>
        RunningServer.StartAsync(settings, cancellationToken);
}
