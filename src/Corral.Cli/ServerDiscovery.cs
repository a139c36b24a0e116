using System.Diagnostics;
using System.Net;
using Corral.Api;
using Corral.Api.Client;

namespace Corral.Cli;

/// <summary>
/// Finds the server the CLI talks to: <c>CORRAL_HOST</c>, then <c>OLLAMA_HOST</c>, default
/// <c>http://127.0.0.1:11434</c>. When nothing answers on a local address it starts <c>corral serve</c>
/// in the background (log under <c>~/.corral/logs/server.log</c> or <c>$CORRAL_HOME/logs</c>) and waits
/// for it, so users never meet "could not connect". Remote hosts get a clear error instead.
/// </summary>
public sealed class ServerDiscovery
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly CliConsole _console;

    /// <summary>Creates discovery for a console (its environment decides the host).</summary>
    public ServerDiscovery(CliConsole console) => _console = console;

    /// <summary>The server's base address from the environment (<see cref="HostAddress"/> rules; unspecified → loopback).</summary>
    public Uri BaseAddress => HostAddress.FromEnvironment(_console.GetEnvironmentVariable).ClientUri;

    /// <summary>True when <see cref="BaseAddress"/> is loopback, unspecified or <c>localhost</c>.</summary>
    public bool IsLocal => IsLocalHost(BaseAddress);

    /// <summary>True for loopback/unspecified IPs and <c>localhost</c>.</summary>
    public static bool IsLocalHost(Uri uri)
    {
        var host = uri.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }

    /// <summary>Returns a client for a server that answers, starting a local one when needed.</summary>
    public async Task<CorralClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var address = BaseAddress;
        var client = new CorralClient(address);
        if (await client.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            return client;
        }

        if (!IsLocalHost(address))
        {
            client.Dispose();
            throw new CliException($"could not connect to the Corral server at {Display(address)}; is it running and reachable?");
        }

        if (_console.Env("CORRAL_NO_AUTOSTART") is { } noStart && noStart != "0" && !noStart.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            client.Dispose();
            throw new CliException($"could not connect to the Corral server at {Display(address)}; run 'corral serve' to start it");
        }

        var log = ServerLauncher.Start(_console);
        await _console.Error.WriteLineAsync($"Started a Corral server on {Display(address)} (log: {log})").ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartupTimeout)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            if (await client.IsRunningAsync(cancellationToken).ConfigureAwait(false))
            {
                return client;
            }
        }

        client.Dispose();
        throw new CliException($"the Corral server did not start within {StartupTimeout.TotalSeconds:0} seconds; see {log}");
    }

    /// <summary><c>host:port</c> of an address, as shown to users.</summary>
    public static string Display(Uri address) => address.IsDefaultPort ? address.Host : $"{address.Host}:{address.Port}";
}
