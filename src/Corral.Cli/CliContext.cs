using System.Net;
using System.Reflection;
using Corral.Api.Client;
using Corral.Modelfile;

namespace Corral.Cli;

/// <summary>Per-invocation services shared by the commands: the console, server discovery, one client.</summary>
internal sealed class CliContext : IDisposable
{
    private CorralClient? _client;

    public CliContext(CliConsole console)
    {
        Console = console;
        Discovery = new ServerDiscovery(console);
    }

    public CliConsole Console { get; }

    public ServerDiscovery Discovery { get; }

    /// <summary>The CLI's own version (informational version without the commit suffix).</summary>
    public static string ClientVersion { get; } =
        (typeof(CliContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0];

    /// <summary>A client for a running server (starting a local one when needed); cached for the invocation.</summary>
    public async Task<CorralClient> ConnectAsync(CancellationToken cancellationToken) =>
        _client ??= await Discovery.ConnectAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a command body, turning expected failures into <c>Error: message</c> and exit code 1 (130 when interrupted).</summary>
    public async Task<int> GuardAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("Error: " + Describe(ex)).ConfigureAwait(false);
            if (Console.Env("CORRAL_DEBUG") is { } debug && debug != "0" && debug != "false" && !IsExpected(ex))
            {
                await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
    }

    /// <summary>The user-facing message of a failure.</summary>
    public string Describe(Exception ex) => ex switch
    {
        CorralApiException api => api.Message,
        HttpRequestException http when http.StatusCode is null =>
            $"could not connect to the Corral server at {ServerDiscovery.Display(Discovery.BaseAddress)}: {http.Message}",
        HttpRequestException { StatusCode: HttpStatusCode status } http => $"{(int)status} {http.Message}",
        TaskCanceledException => "the request timed out",
        _ => ex.Message,
    };

    public void Dispose() => _client?.Dispose();

    private static bool IsExpected(Exception ex) => ex is CliException or CorralApiException or HttpRequestException
        or ModelfileSyntaxException or ModelParameterException or IOException or UnauthorizedAccessException;
}
