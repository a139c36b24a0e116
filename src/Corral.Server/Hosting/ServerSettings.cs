using System.Globalization;
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
        var keepAlive = ReadKeepAlive(lookup);
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
                DefaultContextLength = ReadCount(EnvironmentVariables.ContextLength, lookup, 0),
                MaxLoadedModels = ReadCount(EnvironmentVariables.MaxLoadedModels, lookup, 3),
                NumParallel = ReadCount(EnvironmentVariables.NumParallel, lookup, 1),
                NumParallelIsDefault = ReadCount(EnvironmentVariables.NumParallel, lookup, 0) == 0, // unset or 0: automatic, as Ollama
                MaxQueue = ReadCount(EnvironmentVariables.MaxQueue, lookup, 512),
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

    /// <summary>A count setting: unset or <c>0</c> is the default (as Ollama reads them); anything but a whole number
    /// stops the start with the variable's name rather than being ignored.</summary>
    private static int ReadCount(EnvironmentVariable variable, Func<string, string?> lookup, int fallback)
    {
        if (variable.Read(lookup) is not { } value)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new InvalidOperationException($"{variable.Name}: '{value}' is not a whole number (unset or 0 means the default)");
        }

        return parsed == 0 ? fallback : parsed;
    }

    /// <summary><c>CORRAL_KEEP_ALIVE</c>: a duration (<c>5m</c>, <c>1h30m</c>), seconds, <c>0</c> or a negative value
    /// (forever); anything else stops the start.</summary>
    private static OllamaDuration ReadKeepAlive(Func<string, string?> lookup)
    {
        if (EnvironmentVariables.KeepAlive.Read(lookup) is not { } value)
        {
            return OllamaDuration.DefaultKeepAlive;
        }

        if (!OllamaDuration.TryParse(EnvironmentValue.Clean(value), out var parsed))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariables.KeepAlive.Name}: '{value}' is not a duration (examples: 5m, 1h30m, 300, 0, -1)");
        }

        return parsed;
    }
}
