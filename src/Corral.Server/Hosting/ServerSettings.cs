using Corral.Api;
using Corral.Core;
using Corral.Core.Configuration;
using Corral.Core.Scheduling;
using Corral.Inference;
using Microsoft.Extensions.Logging;

namespace Corral.Server;

/// <summary>How to run a server. <see cref="FromEnvironment"/> reads the documented environment variables.</summary>
public sealed record ServerSettings
{
    /// <summary>Address to listen on; loopback unless told otherwise.</summary>
    public string BindHost { get; init; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 11434;

    public required CoreSettings Core { get; init; }

    /// <summary>Replaces the LLamaSharp engine (tests use fakes for faults a real model cannot produce).</summary>
    public IRunnerFactory? RunnerFactory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Deadline of a request that sends no <c>X-Corral-Timeout</c> (<c>CORRAL_REQUEST_TIMEOUT</c>); null: none.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Reads the bytes of memory new loads may use; null reads the system (<see cref="SystemMemory.Available()"/>).
    /// Tests pass a fixed reading to make the memory planner choose as it would on a smaller machine.</summary>
    public Func<long?>? AvailableMemory { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>The routes file (<c>CORRAL_ROUTES</c>); null = no router, every model name is a local model.</summary>
    public string? RoutesFile { get; init; }

    /// <summary>Where the routes file's <c>api_key_env</c> names are looked up (tests pass their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public static ServerSettings FromEnvironment() => FromEnvironment(System.Environment.GetEnvironmentVariable);

    public static ServerSettings FromEnvironment(Func<string, string?> lookup)
    {
        var host = HostAddress.Parse(EnvironmentVariables.Host.Read(lookup));
        var models = EnvironmentVariables.Models.Read(lookup) ?? DefaultModelsDirectory();
        var keepAlive = OllamaDuration.FromEnvironmentValue(EnvironmentVariables.KeepAlive.Read(lookup), OllamaDuration.DefaultKeepAlive);
        return new ServerSettings
        {
            BindHost = host.BindHost,
            RequestTimeout = ReadRequestTimeout(lookup),
            RoutesFile = EnvironmentVariables.Routes.Read(lookup) is { Length: > 0 } routes ? ExpandHome(routes) : null,
            Environment = lookup,
            Port = host.Port,
            MinimumLogLevel = EnvironmentVariables.Debug.Read(lookup) switch
            {
                null or "0" or "false" => LogLevel.Information,
                "2" => LogLevel.Trace,
                _ => LogLevel.Debug,
            },
            Core = new CoreSettings
            {
                ModelsDirectory = ExpandHome(models),
                DefaultKeepAlive = keepAlive.IsForever ? KeepAlive.Forever : KeepAlive.For(keepAlive.Value),
                DefaultContextLength = PositiveInt(EnvironmentVariables.ContextLength.Read(lookup), 8192),
                MaxLoadedModels = PositiveInt(EnvironmentVariables.MaxLoadedModels.Read(lookup), 3),
                NumParallel = PositiveInt(EnvironmentVariables.NumParallel.Read(lookup), 1),
                NumParallelIsDefault = EnvironmentVariables.NumParallel.Read(lookup) is not { Length: > 0 },
                MaxQueue = PositiveInt(EnvironmentVariables.MaxQueue.Read(lookup), 512),
            },
        };
    }

    /// <summary><c>CORRAL_REQUEST_TIMEOUT</c>; a value that is not a valid timeout stops the start rather than being ignored.</summary>
    private static TimeSpan? ReadRequestTimeout(Func<string, string?> lookup)
    {
        try
        {
            return Corral.Core.Deadlines.RequestTimeout.Parse(EnvironmentVariables.RequestTimeout.Read(lookup));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{EnvironmentVariables.RequestTimeout.Name}: {e.Message}", e);
        }
    }

    private static string DefaultModelsDirectory() =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".corral", "models");

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : Path.GetFullPath(path);

    private static int PositiveInt(string? value, int fallback) =>
        int.TryParse(value, out var parsed) && parsed > 0 ? parsed : fallback;
}
